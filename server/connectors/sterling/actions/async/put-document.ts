// What the twelve "(async)" actions share: each puts the XML input document of one Sterling API on an IBM MQ queue
// that an asynchronous service of Sterling's integration server reads (an IBM MQ or JMS receiver whose next node
// calls that API), and outputs the message id. Sterling answers nothing; whether the API succeeded shows in
// Sterling (its service's error queue or the exception console), not in the run.
//
// A step that runs again (a retry after the worker died between the put and the run's record) puts the same
// correlation id, derived from the step's idempotency key unless the user gives one. Before putting, the step
// browses for that correlation id and, while the first attempt's message is still waiting, returns it instead of
// putting a second one. A correlation id the user gives may be the same in every run (a fixed value), so a message
// found under it is taken for this step's own only when it holds the very document this attempt would put: another
// run's document is never dropped for it. Once Sterling has taken the message, a retry cannot tell; the service
// may then see the document twice, and Sterling's own keys (an order number, an item id) refuse or repeat it
// harmlessly.
import { createHash } from "node:crypto";
import { z } from "zod";
import { ConfluxError, RemoteError } from "@/lib/errors";
import { field, type ActionContext, type ActionDefinition } from "../../../sdk";
import { MQ_MODES, sterlingAccounts, type SterlingMqModeAccount } from "../../auth";
import { mqAccount } from "../../account";
import type { SterlingDocument, SterlingValue } from "../../client";
import { additionalAttributes } from "../../common";
import { browseMessage, MQ_ID, putMessage } from "../../mq";
import { toSterlingXml } from "../../xml";

/**
 * An asynchronous action: it puts a message on IBM MQ, so it takes the MQ mode only (the REST API has no queue),
 * and its ctx.account arrives read for it.
 */
export function mqAction<Input extends z.ZodType>(
  definition: Omit<
    Parameters<typeof sterlingAccounts.action<Input, typeof asyncOutput, MqModeKey>>[0],
    "modes" | "output"
  >,
): ActionDefinition<Input, typeof asyncOutput> {
  return sterlingAccounts.action({ ...definition, output: asyncOutput, modes: MQ_MODES });
}

type MqModeKey = (typeof MQ_MODES)[number];

/** Fields every asynchronous action offers after its own, from order 50 on. */
export const deliveryFields = (api: string) => ({
  queue: z
    .string()
    .trim()
    .max(48)
    .optional()
    .meta(
      field({
        title: "Queue name",
        description: `The queue that Sterling's service for ${api} reads. Empty: the account's queue.`,
        placeholder: "SMCFS.CREATE.ORDER",
        order: 50,
      }),
    ),
  persistent: z
    .boolean()
    .default(true)
    .meta(
      field({
        title: "Persistent",
        description: "Kept by MQ across a queue manager restart. Switch off only for messages that may be lost.",
        order: 51,
      }),
    ),
  expirySeconds: z
    .number()
    .int()
    .min(1)
    .max(2_592_000)
    .optional()
    .meta(
      field({
        title: "Expire after (seconds)",
        description: "MQ discards the message if Sterling has not read it by then (at most 30 days). Empty: never.",
        order: 52,
      }),
    ),
  correlationId: z
    .string()
    .trim()
    .max(48)
    .optional()
    .meta(
      field({
        title: "Correlation ID",
        description:
          "48 hexadecimal digits, or up to 24 characters of text. Empty: one derived from this step of this run, " +
          "the same on every retry.",
        order: 53,
      }),
    ),
  replyTo: z
    .string()
    .trim()
    .max(97)
    .optional()
    .meta(
      field({
        title: "Reply-to queue",
        description: "Where Sterling's service should answer, as QUEUE or QUEUE@QMGR, if it answers.",
        order: 54,
      }),
    ),
});

export type Delivery = {
  queue?: string;
  persistent: boolean;
  expirySeconds?: number;
  correlationId?: string;
  replyTo?: string;
};

export const asyncOutput = z.object({
  messageId: z.string().meta({ title: "Message ID", description: "The id IBM MQ gave the message (48 hex digits)." }),
  correlationId: z.string().meta({ title: "Correlation ID" }),
  queue: z.string().meta({ title: "Queue" }),
  queueManager: z.string().meta({ title: "Queue manager" }),
  api: z.string().meta({ title: "Sterling API", description: "The API whose input document the message is." }),
  alreadyQueued: z
    .boolean()
    .meta({ title: "Already queued", description: "An earlier attempt of this step had put the message." }),
});

/** 24 bytes as MQ's CorrelId: hex as given, text as its UTF-8 bytes padded with zeros, or from the step's key. */
export function correlationIdFor(given: string | undefined, idempotencyKey: string): string {
  if (given && MQ_ID.test(given)) return given.toLowerCase();
  if (given) {
    const bytes = Buffer.from(given, "utf8");
    if (bytes.length > 24) {
      throw new ConfluxError("INPUT_INVALID", "The correlation ID is longer than 24 bytes: shorten it");
    }
    return Buffer.concat([bytes, Buffer.alloc(24 - bytes.length)]).toString("hex");
  }
  return createHash("sha256").update(`conflux:${idempotencyKey}`).digest("hex").slice(0, 48);
}

/**
 * The form's values over the user's additional attributes: a filled field wins, an empty one (left out by the
 * caller) never erases, and elements merge attribute by attribute.
 */
export function withAdditional(extra: Record<string, unknown> | undefined, form: SterlingDocument): SterlingDocument {
  return merge(additionalAttributes(extra), form);
}

function merge(base: SterlingDocument, over: SterlingDocument): SterlingDocument {
  const result: SterlingDocument = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const under = result[key];
    result[key] = isElement(under) && isElement(value) ? merge(under, value) : value;
  }
  return result;
}

function isElement(value: SterlingValue | undefined): value is SterlingDocument {
  return typeof value === "object" && !Array.isArray(value);
}

/** Puts `<root …>` for `api` on the queue, unless this step's earlier attempt already did; returns the output. */
export async function putSterlingDocument(
  ctx: Omit<ActionContext, "account"> & { account: SterlingMqModeAccount },
  api: string,
  root: string,
  document: SterlingDocument,
  delivery: Delivery,
): Promise<z.input<typeof asyncOutput>> {
  const account = mqAccount(ctx.account);
  const queue = delivery.queue || account.queue;
  const correlationId = correlationIdFor(delivery.correlationId, ctx.idempotencyKey);
  const base = { correlationId, queue, queueManager: account.queueManager, api };
  const text = toSterlingXml(root, document);
  const earlier = await browseMessage(account, queue, { correlationId }, ctx.signal).catch((error: unknown) => {
    // Browsing is a courtesy: an mqweb before 9.1.3 or a user without browse authority still puts.
    if (error instanceof RemoteError && !error.retryable) return undefined;
    throw error;
  });
  const ownEarlierAttempt = earlier && (!delivery.correlationId || earlier.text === text);
  if (earlier && ownEarlierAttempt) {
    ctx.log.info(`The message for ${api} with correlation ID ${correlationId} is already on ${queue}`);
    return { ...base, messageId: earlier.messageId, alreadyQueued: true };
  }
  const { messageId } = await putMessage(
    account,
    queue,
    {
      text,
      contentType: "application/xml",
      persistent: delivery.persistent,
      expiryMs: delivery.expirySeconds === undefined ? undefined : delivery.expirySeconds * 1000,
      correlationId,
      replyTo: delivery.replyTo || undefined,
    },
    ctx.signal,
  );
  return { ...base, messageId, alreadyQueued: false };
}
