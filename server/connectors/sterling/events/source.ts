// What every Sterling event trigger shares: its filters, and where its events come from. An account connected with
// the REST API is polled (rest-changes.ts); an account connected through IBM MQ reads the messages Sterling publishes
// on its queue, through the function mq-source.ts provides. Both keep the SDK's polling contract, so the runtime
// saves runs and cursor together whichever mode the account uses.
import { z } from "zod";
import { field, pollIntervalField, type PollArgs, type PollResult } from "../../sdk";
import { MQ_MODE, type SterlingMqModeAccount, type SterlingRestModeAccount } from "../auth";
import { restAccount, type SterlingRestAccount } from "../account";
import { shipNodeField } from "../common";
import { DEFAULT_OVERLAP_SECONDS } from "./cursor";
import { mqEventQueueField } from "./mq-source";

export const eventKeys = [
  "newOrder",
  "updatedOrder",
  "cancelledOrder",
  "releasedOrder",
  "orderLineBackOrder",
  "newOrUpdatedReleaseOrder",
  "newShipment",
] as const;
export type SterlingEventKey = (typeof eventKeys)[number];

/** The document types App Connect's events offer. */
export const eventDocumentTypes = ["0001", "0003", "0005"] as const;

/** The filters every event offers; Sterling applies them where its list API can, the trigger elsewhere. */
export const eventInput = z.object({
  enterpriseCode: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .optional()
    .meta(
      field({
        title: "Enterprise code",
        description: "Only events of this enterprise; empty: every enterprise.",
        placeholder: "DEFAULT",
        options: "enterprises",
        order: 1,
      }),
    ),
  documentType: z
    .enum(eventDocumentTypes)
    .default("0001")
    .meta(
      field({
        title: "Document type",
        enumLabels: { "0001": "Sales order", "0003": "Return order", "0005": "Purchase order" },
        order: 2,
      }),
    ),
  shipNode: shipNodeField(3, "Only events of this ship node (warehouse or store); empty: every node."),
  eventQueue: mqEventQueueField(4, "SMCFS.ORDER.CREATED"),
  overlapSeconds: z
    .number()
    .int()
    .min(0)
    .max(3600)
    .default(DEFAULT_OVERLAP_SECONDS)
    .meta(
      field({
        title: "Late changes window (seconds, REST API accounts)",
        description:
          "Sterling stamps a change when its transaction writes it, not when it commits, so a change can appear " +
          "after later ones were read. Each check reads this many seconds before the newest change again and runs " +
          "only what it had not seen. Longer than your longest Sterling transaction; default 180.",
        order: 5,
      }),
    ),
  intervalSeconds: pollIntervalField(60),
});
export type SterlingEventInput = z.output<typeof eventInput>;

type EventPollArgs<Account> = Omit<PollArgs<SterlingEventInput>, "account"> & { account: Account };

/** What the MQ mode's source receives: the SDK's poll arguments, the event, and the account read for the MQ mode. */
export type MqEventPollArgs = EventPollArgs<SterlingMqModeAccount> & { event: SterlingEventKey };

/** Implemented in mq-source.ts; same contract as PollingTriggerDefinition.poll. */
export type MqEventSource = (args: MqEventPollArgs) => Promise<PollResult>;

export type RestEventArgs = EventPollArgs<SterlingRestAccount>;
export type RestEventPoll = (args: RestEventArgs) => Promise<PollResult>;

/** Routes a poll by the account's connection mode (the SDK has read the account for its mode already). */
export async function pollByMode(
  event: SterlingEventKey,
  args: EventPollArgs<SterlingRestModeAccount | SterlingMqModeAccount>,
  rest: RestEventPoll,
  mq: MqEventSource,
): Promise<PollResult> {
  const { account } = args;
  if (account.mode === MQ_MODE) return mq({ ...args, event, account });
  return rest({ ...args, account: restAccount(account) });
}
