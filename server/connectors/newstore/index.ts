// NewStore, running as the secondary OMS beside an external one: its external OMS config, the availability webhook
// config and the external-ATP switch, and the availability requests it sends, answered by a flow (B1-B4 of
// ../shared/protocols/oracle-newstore.md).
import { defineConnector } from "../sdk";
import { deleteAvailabilityWebhookAction } from "./actions/delete-availability-webhook";
import { getAvailabilityWebhookAction } from "./actions/get-availability-webhook";
import { getExternalAtpAction } from "./actions/get-external-atp";
import { getExternalOmsConfigAction } from "./actions/get-external-oms-config";
import { setExternalAtpAction } from "./actions/set-external-atp";
import { setExternalOmsAction } from "./actions/set-external-oms";
import { updateAvailabilityWebhookAction } from "./actions/update-availability-webhook";
import { newstoreAccounts } from "./auth";
import { builtInNewStorePreset } from "./simulator/built-in";
import { availabilityFromHttpTemplate } from "./templates/availability-from-http";
import { testNewStoreConnection } from "./test-connection";
import { availabilityRequestedTrigger } from "./triggers/availability-requested";

export const newstoreConnector = defineConnector({
  id: "newstore",
  name: "NewStore",
  description: "Answer NewStore's availability requests from your own stock, and manage its external OMS settings.",
  icon: "shopping-bag",
  accounts: withBuiltInSimulator(),
  testConnection: testNewStoreConnection,
  triggers: [availabilityRequestedTrigger],
  actions: [
    getExternalOmsConfigAction,
    setExternalOmsAction,
    getAvailabilityWebhookAction,
    updateAvailabilityWebhookAction,
    deleteAvailabilityWebhookAction,
    getExternalAtpAction,
    setExternalAtpAction,
  ],
  templates: [availabilityFromHttpTemplate],
});

function withBuiltInSimulator() {
  const preset = builtInNewStorePreset();
  return preset ? { ...newstoreAccounts, auth: { ...newstoreAccounts.auth, presets: [preset] } } : newstoreAccounts;
}
