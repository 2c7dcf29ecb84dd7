// What every Sterling event trigger shares: its filters, and where its events come from. An account connected with
// the REST API is polled (rest-changes.ts); an account connected through IBM MQ reads the messages Sterling publishes
// on its queue, through the function mq-source.ts provides. Both keep the SDK's polling contract, so the runtime
// saves runs and cursor together whichever mode the account uses.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { field, pollIntervalField, type ActionAccount, type PollArgs, type PollResult } from "../../sdk";
import { MQ_MODE, REST_MODE } from "../auth";
import { readRestAccount, type SterlingRestAccount } from "../account";
import { shipNodeField } from "../common";

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
  intervalSeconds: pollIntervalField(60),
});
export type SterlingEventInput = z.output<typeof eventInput>;

/** What the MQ mode's source receives: the SDK's poll arguments, the event, and an account known to be MQ. */
export interface MqEventPollArgs extends PollArgs<SterlingEventInput> {
  event: SterlingEventKey;
  account: ActionAccount;
}

/** Implemented in mq-source.ts; same contract as PollingTriggerDefinition.poll. */
export type MqEventSource = (args: MqEventPollArgs) => Promise<PollResult>;

export type RestEventArgs = Omit<PollArgs<SterlingEventInput>, "account"> & { account: SterlingRestAccount };
export type RestEventPoll = (args: RestEventArgs) => Promise<PollResult>;

/** Routes a poll by the account's connection mode. */
export async function pollByMode(
  event: SterlingEventKey,
  label: string,
  args: PollArgs<SterlingEventInput>,
  rest: RestEventPoll,
  mq: MqEventSource,
): Promise<PollResult> {
  const account = args.account;
  if (!account) {
    throw new ConfluxError("INPUT_INVALID", `"${label}" needs an IBM Sterling OMS account: choose one on the trigger`);
  }
  if (account.mode === MQ_MODE) return mq({ ...args, event, account });
  if (account.mode !== REST_MODE) {
    throw new ConfluxError("INPUT_INVALID", `The account's connection mode "${account.mode}" is not one Sterling has`);
  }
  return rest({ ...args, account: readRestAccount(account.credentials) });
}
