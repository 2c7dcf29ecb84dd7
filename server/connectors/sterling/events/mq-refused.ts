// Messages that mqweb will not hand over. The messaging REST API browses and gets only text messages (MQSTR or JMS
// TextMessage); any other message it leaves on the queue and answers with an error status (IBM does not say which).
// Browsing it again on every poll would fill the poll's share of messages with it and, with enough of them, stall the
// event queue for good, so the trigger's cursor remembers the ids it was refused: later polls skip them (one failed
// run already says what happened), and an id is forgotten once the message has left the queue (a backout queue or an
// MQ administrator moved it).
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import type { JsonValue } from "../../sdk";

const mqCursor = z.looseObject({ refused: z.array(z.string()).optional() });

/** The ids the cursor says mqweb refused; a cursor of an older version (or none) refused none. */
export function refusedIds(cursor: JsonValue | null): Set<string> {
  const parsed = mqCursor.safeParse(cursor);
  return new Set(parsed.success ? (parsed.data.refused ?? []) : []);
}

/** The cursor after a poll: the refused ids that are still on the queue. */
export function mqEventCursor(queue: string, refused: Set<string>, onQueue: readonly string[]): JsonValue {
  const still = onQueue.filter((id) => refused.has(id));
  return still.length > 0 ? { queue, refused: still } : { queue };
}

/**
 * Whether a browse failed because of the message itself rather than the login, queue, queue manager or server:
 * a refusal (4xx other than 401, 403 and 404), or mqweb's "unforeseen error while browsing" (MQWB0303E) whatever
 * its status.
 */
export function refusedByMqweb(error: unknown): error is RemoteError {
  if (!(error instanceof RemoteError) || error.status === undefined) return false;
  if (error.status === 401 || error.status === 403 || error.status === 404) return false;
  if (error.message.includes("MQWB0303E")) return true;
  return !error.retryable && error.status < 500;
}

/** The failure of the one run a refused message makes. */
export function refusedFailure(messageId: string, queue: string, reason: string): string {
  return (
    `IBM MQ would not hand over message ${messageId} on queue ${queue} (${reason}); mqweb hands over only text ` +
    "messages (MQSTR or JMS TextMessage). The message stays on the queue and this trigger skips it from now on: " +
    "move it aside with MQ tools, or give the queue a backout queue (BOQNAME, BOTHRESH)."
  );
}
