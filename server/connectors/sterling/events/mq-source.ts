// Sterling events in MQ mode, the way IBM App Connect receives them: Sterling publishes each event's document on an
// IBM MQ queue (an event handler whose action calls a service ending in an IBM MQ or JMS sender), and the trigger
// reads that queue through the messaging REST API without losing a message:
//   poll: list the queue and browse each message (nothing is removed), one item per message, its message id the
//         dedupe key;
//   the runtime saves the runs and the cursor in one transaction;
//   acknowledge: only then remove each message by its id.
// A worker that dies between the save and the removal leaves the messages on the queue; the next poll browses them
// again, the runtime drops their runs as duplicates and acknowledges them, so each message makes exactly one run.
// XML (Sterling's native form) and JSON (its REST form, with or without the root element) are both read; a message
// that is neither, or not the document the event expects, makes one failed run that says why and is removed like
// any other, instead of being read again on every poll. The event's filters are Sterling's here: the condition of
// the event handler decides what is published.
//
// The Sterling triggers reach this file through events/source.ts: pollMqEvent as their MQ-mode poll, and
// acknowledgeMqEvent as their acknowledge.
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { field, type AcknowledgeArgs, type JsonValue, type Logger, type PolledItem, type PollResult } from "../../sdk";
import { MQ_MODE, MQ_MODES, sterlingAccounts } from "../auth";
import { mqAccount, type SterlingMqAccount } from "../account";
import type { SterlingDocument } from "../client";
import { browseMessage, listMessageIds, removeMessage, type MqMessage } from "../mq";
import { fromSterlingXml } from "../xml";
import { mqEventSpecs } from "./mq-events";
import { mqEventCursor, refusedByMqweb, refusedFailure, refusedIds } from "./mq-refused";
import type { MqEventSource, SterlingEventInput, SterlingEventKey } from "./source";

/** Messages read per poll; the rest wait for the next one (each is one browse call). */
export const MQ_EVENTS_PER_POLL = 50;
const MAX_TEXT_IN_FAILURE = 10_000;

export const mqEventQueueField = (order: number, example: string) =>
  z
    .string()
    .trim()
    .max(48)
    .optional()
    .meta(
      field({
        title: "Event queue (IBM MQ accounts)",
        description:
          "The queue on which Sterling publishes this event. Empty: the account's queue. Give each event trigger " +
          "its own queue: a message is removed once its run is saved. With IBM MQ, Sterling's event handler decides " +
          "what is published, so the filters above do not apply.",
        placeholder: example,
        order,
      }),
    );

export interface MqEventMessage {
  messageId: string;
  correlationId?: string;
  queue: string;
  /** The document's root element, e.g. Order. */
  root: string;
  format: "xml" | "json";
}

export interface MqEventSpec {
  /** The event's name as users see it, e.g. "New order". */
  event: string;
  /** The root elements the event's document may have, e.g. ["Order"]. The first is assumed for root-less JSON. */
  roots: [string, ...string[]];
  /** The run's data for a document; throw an Error whose message says what is wrong to fail the run instead. */
  toData(document: SterlingDocument, message: MqEventMessage): unknown;
}

/**
 * One item per message waiting on `queue`, oldest first, skipping the messages mqweb refused to hand over before
 * (mq-refused.ts). Removes nothing (see acknowledgeMqEvents).
 */
export async function pollMqEvents(
  args: { account: SterlingMqAccount; cursor: JsonValue | null; signal: AbortSignal; log: Logger },
  queue: string | undefined,
  spec: MqEventSpec,
): Promise<PollResult> {
  const { account } = args;
  const target = queue || account.queue;
  const ids = await listMessageIds(account, target, args.signal);
  const refused = refusedIds(args.cursor);
  const pending = ids.filter((id) => !refused.has(id));
  const skipped = ids.length - pending.length;
  if (skipped > 0) {
    args.log.warn(
      `${skipped} message(s) on ${target} that IBM MQ will not hand over (not text) are skipped; move them aside ` +
        "with MQ tools or a backout queue",
    );
  }
  const items: PolledItem[] = [];
  for (const messageId of pending.slice(0, MQ_EVENTS_PER_POLL)) {
    const item = await readItem(account, target, messageId, spec, args.signal);
    if (!item) continue;
    if (isRefused(item)) refused.add(messageId);
    items.push(item);
  }
  if (pending.length > MQ_EVENTS_PER_POLL) {
    args.log.info(`${pending.length - MQ_EVENTS_PER_POLL} more message(s) wait on ${target} for the next poll`);
  }
  // What is on the queue is what is left to do; the cursor only remembers the messages that cannot be read.
  return { items, nextCursor: mqEventCursor(target, refused, ids) };
}

const refusedData = z.object({ messageId: z.string(), queue: z.string(), refusedByMqweb: z.literal(true) });
const isRefused = (item: PolledItem) => refusedData.safeParse(item.data).success;

async function readItem(
  account: SterlingMqAccount,
  queue: string,
  messageId: string,
  spec: MqEventSpec,
  signal: AbortSignal,
): Promise<PolledItem | undefined> {
  let message: MqMessage | undefined;
  try {
    message = await browseMessage(account, queue, { messageId }, signal);
  } catch (error) {
    // A message mqweb cannot hand over stays on the queue: one failed run says so, later polls skip it. Anything
    // else (login, queue manager, server) fails the poll.
    if (!refusedByMqweb(error)) throw error;
    return {
      dedupeKey: messageId,
      data: { messageId, queue, refusedByMqweb: true },
      failure: brief(refusedFailure(messageId, queue, error.message)),
    };
  }
  if (!message) return undefined;
  const base = { messageId: message.messageId, correlationId: message.correlationId, queue };
  const read = readDocument(message.text, spec);
  if ("problem" in read) {
    return {
      dedupeKey: message.messageId,
      data: { ...base, text: message.text.slice(0, MAX_TEXT_IN_FAILURE) },
      failure:
        `The message ${message.messageId} on queue ${queue} cannot make a "${spec.event}" run: ` +
        `${brief(read.problem, 1500)}. It was removed from the queue; its text is in the run's trigger data.`,
    };
  }
  try {
    const data = spec.toData(read.document, { ...base, root: read.root, format: read.format });
    return { dedupeKey: message.messageId, data };
  } catch (error) {
    const problem = error instanceof Error ? error.message : String(error);
    return {
      dedupeKey: message.messageId,
      data: { ...base, text: message.text.slice(0, MAX_TEXT_IN_FAILURE) },
      failure: brief(`The ${read.root} document in message ${message.messageId} on queue ${queue}: ${problem}`),
    };
  }
}

/** The runtime keeps an item's failure under 2000 characters; a parser's message could be longer. */
function brief(text: string, max = 1900): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

type Read = { root: string; document: SterlingDocument; format: "xml" | "json" } | { problem: string };

function readDocument(text: string, spec: MqEventSpec): Read {
  const trimmed = text.trim();
  const expected = spec.roots.map((root) => `<${root}>`).join(" or ");
  if (trimmed.startsWith("<")) {
    let parsed: ReturnType<typeof fromSterlingXml>;
    try {
      parsed = fromSterlingXml(trimmed);
    } catch (error) {
      return { problem: `its XML is broken (${error instanceof Error ? error.message : String(error)})` };
    }
    if (!spec.roots.includes(parsed.root)) {
      return { problem: `it holds a <${parsed.root}> document, and this event reads ${expected}` };
    }
    return { ...parsed, format: "xml" };
  }
  if (trimmed.startsWith("{")) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (error) {
      return { problem: `its JSON is broken (${error instanceof Error ? error.message : String(error)})` };
    }
    const document = sterlingJson.safeParse(value);
    if (!document.success) return { problem: "its JSON is not a Sterling document (objects of string attributes)" };
    const keys = Object.keys(document.data);
    const [only] = keys;
    const wrapped = keys.length === 1 && only !== undefined ? document.data[only] : undefined;
    if (only && spec.roots.includes(only) && typeof wrapped === "object" && !Array.isArray(wrapped)) {
      return { root: only, document: wrapped, format: "json" };
    }
    return { root: spec.roots[0], document: document.data, format: "json" };
  }
  return { problem: `it is neither XML nor JSON (it starts with ${JSON.stringify(trimmed.slice(0, 20))})` };
}

const sterlingValue: z.ZodType<SterlingDocument[string]> = z.lazy(() =>
  z.union([
    z.string(),
    z.number().transform(String),
    z.boolean().transform((value) => (value ? "Y" : "N")),
    z.record(z.string(), sterlingValue),
    z.array(z.record(z.string(), sterlingValue)),
  ]),
);
const sterlingJson = z.record(z.string(), sterlingValue);

/**
 * Removes the messages of items whose runs are saved. Idempotent: a message already gone is fine. Tries every item
 * and then fails with the first error, so one stuck message does not hold back the others' removal.
 */
export async function acknowledgeMqEvents(
  args: { account: SterlingMqAccount; items: PolledItem[]; signal: AbortSignal },
  queue: string | undefined,
): Promise<void> {
  const { account } = args;
  const target = queue || account.queue;
  let firstError: unknown;
  let failed = 0;
  // A message mqweb refused to hand over would be refused its removal too (it is got under syncpoint and left).
  for (const item of args.items.filter((polled) => !isRefused(polled))) {
    try {
      await removeMessage(account, target, item.dedupeKey, args.signal);
    } catch (error) {
      failed += 1;
      firstError ??= error;
    }
  }
  if (firstError) {
    const reason = firstError instanceof Error ? firstError.message : String(firstError);
    throw new RemoteError("REMOTE", `${failed} message(s) stay on ${target} until the next poll: ${reason}`, {
      retryable: true,
    });
  }
}

/** The MQ-mode poll of a Sterling event trigger (events/source.ts routes MQ accounts here). */
export const pollMqEvent: MqEventSource = (args) =>
  pollMqEvents({ ...args, account: mqAccount(args.account) }, args.input.eventQueue, mqEventSpecs[args.event]);

/**
 * The acknowledge of a Sterling event trigger: removes the messages of saved runs when the account is in MQ mode;
 * nothing for REST accounts, whose source is never changed.
 */
export function acknowledgeMqEvent(
  event: SterlingEventKey,
): (args: AcknowledgeArgs<SterlingEventInput>) => Promise<void> {
  return async (args) => {
    if (args.account?.mode !== MQ_MODE) return;
    const account = mqAccount(sterlingAccounts.read(args.account, mqEventSpecs[event].event, MQ_MODES));
    await acknowledgeMqEvents({ ...args, account }, args.input.eventQueue);
  };
}
