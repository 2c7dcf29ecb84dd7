// The MQ mode's event source: events Sterling publishes on the account's queue, read through the IBM MQ messaging
// REST API. Owned by the MQ work (branch sterling-mq), which replaces this file; until then MQ accounts say plainly
// that their events are not available, rather than polling nothing.
import { ConfluxError } from "@/lib/errors";
import type { MqEventSource } from "./source";

export const pollMqEvent: MqEventSource = async ({ event }) => {
  throw new ConfluxError(
    "INPUT_INVALID",
    `The event "${event}" cannot be read through IBM MQ yet: choose an account connected with "REST API"`,
  );
};
