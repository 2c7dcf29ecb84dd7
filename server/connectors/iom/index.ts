// Intershop Order Management (IOM): what the IOM Connector gives a shop — export orders, follow their state,
// returns (RMA) and availability (ATP) — through IOM's REST services (Order 2.0, RMA 2.10, Inventory 2.0).
import { defineConnector } from "../sdk";
import { checkAvailabilityAction } from "./actions/check-availability";
import { createReturnRequestAction } from "./actions/create-return-request";
import { downloadDocumentsAction } from "./actions/download-documents";
import { exportOrderAction } from "./actions/export-order";
import { exportOrderSoapAction } from "./actions/export-order-soap";
import { listReturnReasonsAction } from "./actions/list-return-reasons";
import { listReturnRequestsAction } from "./actions/list-return-requests";
import { listReturnablePositionsAction } from "./actions/list-returnable-positions";
import { retrieveOrderStatesAction } from "./actions/retrieve-order-states";
import { iomAccounts } from "./auth";
import { newstoreAvailabilityFromIomTemplate } from "./templates/newstore-availability-from-iom";
import { orderDocumentsTemplate } from "./templates/order-documents";
import { orderStateToWebhookTemplate } from "./templates/order-state-to-webhook";
import { sterlingOrderToIomTemplate } from "./templates/sterling-order-to-iom";
import { builtInIomPreset } from "./simulator/built-in";
import { testIomConnection } from "./test-connection";
import { orderStateChangedTrigger } from "./triggers/order-state-changed";
import { returnRequestChangedTrigger } from "./triggers/return-request-changed";

export const iomConnector = defineConnector({
  id: "iom",
  name: "Intershop IOM",
  description: "Export orders to Intershop Order Management, follow their state, returns and product availability.",
  icon: "store",
  // The built-in simulator is offered on the Connect form only where it runs (server/boot/config.ts decides).
  accounts: withBuiltInSimulator(),
  testConnection: testIomConnection,
  triggers: [orderStateChangedTrigger, returnRequestChangedTrigger],
  actions: [
    exportOrderAction,
    exportOrderSoapAction,
    retrieveOrderStatesAction,
    downloadDocumentsAction,
    listReturnReasonsAction,
    listReturnablePositionsAction,
    createReturnRequestAction,
    listReturnRequestsAction,
    checkAvailabilityAction,
  ],
  templates: [
    sterlingOrderToIomTemplate,
    orderStateToWebhookTemplate,
    orderDocumentsTemplate,
    newstoreAvailabilityFromIomTemplate,
  ],
});

function withBuiltInSimulator() {
  const preset = builtInIomPreset();
  return preset ? { ...iomAccounts, auth: { ...iomAccounts.auth, presets: [preset] } } : iomAccounts;
}
