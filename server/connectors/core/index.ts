// Toolbox: the building blocks every flow can use without an account.
import { defineConnector } from "../sdk";
import { orderAcknowledgementTemplate } from "./templates/order-acknowledgement";
import { forEachAction } from "./actions/for-each";
import { ifAction } from "./actions/if";
import { logAction } from "./actions/log";
import { buildTextAction } from "./actions/build-text";
import { parseTextAction } from "./actions/parse-text";
import { respondAction } from "./actions/respond";
import { flowFailedTrigger } from "./triggers/flow-failed";
import { manualTrigger } from "./triggers/manual";
import { scheduleTrigger } from "./triggers/schedule";
import { webhookTrigger } from "./triggers/webhook";

export const coreConnector = defineConnector({
  id: "core",
  name: "Toolbox",
  description:
    "Start flows by hand, on a schedule, by webhook or when another flow fails, branch, loop, respond, log what " +
    "happens, and read or write XML, CSV and JSON.",
  icon: "wrench",
  triggers: [manualTrigger, scheduleTrigger, webhookTrigger, flowFailedTrigger],
  actions: [logAction, ifAction, forEachAction, respondAction, parseTextAction, buildTextAction],
  templates: [orderAcknowledgementTemplate],
});
