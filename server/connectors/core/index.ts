// Toolbox: the building blocks every flow can use without an account.
import { defineConnector } from "../sdk";
import { logAction } from "./actions/log";
import { manualTrigger } from "./triggers/manual";
import { scheduleTrigger } from "./triggers/schedule";

export const coreConnector = defineConnector({
  id: "core",
  name: "Toolbox",
  description: "Start flows by hand or on a schedule, and log what happens.",
  icon: "wrench",
  triggers: [manualTrigger, scheduleTrigger],
  actions: [logAction],
});
