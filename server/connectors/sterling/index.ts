// IBM Sterling Order Management: orders, release orders, shipments, catalog items and customers through Sterling's
// REST API, with accounts for the REST API or IBM MQ as IBM App Connect offers them. Events are polling triggers:
// REST accounts poll Sterling's list APIs (events/rest-changes.ts), MQ accounts read Sterling's queue.
import { defineConnector } from "../sdk";
import { backOrderAlertTemplate } from "./templates/back-order-alert";
import { cancelledOrderNotifyTemplate } from "./templates/cancelled-order-notify";
import { logNewOrdersTemplate } from "./templates/log-new-orders";
import { newOrderToWebhookTemplate } from "./templates/new-order-to-webhook";
import { newShipmentUpdateOrderTemplate } from "./templates/new-shipment-update-order";
import { releaseOrderLogTemplate } from "./templates/release-order-log";
import { asyncActions } from "./actions/async";
import { changeOrderAction } from "./actions/change-order";
import { createCatalogItemAction } from "./actions/create-catalog-item";
import { createCustomerAction } from "./actions/create-customer";
import { createOrganizationAction } from "./actions/create-organization";
import { deleteCustomerAction } from "./actions/delete-customer";
import { deleteOrderAction } from "./actions/delete-order";
import { deleteOrganizationAction } from "./actions/delete-organization";
import { getOrganizationListAction } from "./actions/get-organization-list";
import { updateCustomerAction } from "./actions/update-customer";
import { updateOrCreateShipmentAction } from "./actions/update-or-create-shipment";
import { updateOrganizationAction } from "./actions/update-organization";
import { createOrderAction } from "./actions/create-order";
import { getCustomerListAction } from "./actions/get-customer-list";
import { getItemListAction } from "./actions/get-item-list";
import { getOrderDetailsAction } from "./actions/get-order-details";
import { getOrderListAction } from "./actions/get-order-list";
import { getOrderReleaseListAction } from "./actions/get-order-release-list";
import { getShipmentListAction } from "./actions/get-shipment-list";
import { sterlingAccounts } from "./auth";
import { builtInSimulatorPresets } from "./simulator/built-in";
import { sterlingOptionsLoaders } from "./options";
import { testSterlingConnection } from "./test-connection";
import { cancelledOrderTrigger } from "./triggers/cancelled-order";
import { newOrUpdatedReleaseOrderTrigger } from "./triggers/new-or-updated-release-order";
import { newOrderTrigger } from "./triggers/new-order";
import { newShipmentTrigger } from "./triggers/new-shipment";
import { orderLineBackOrderTrigger } from "./triggers/order-line-back-order";
import { releasedOrderTrigger } from "./triggers/released-order";
import { updatedOrderTrigger } from "./triggers/updated-order";

export const sterlingConnector = defineConnector({
  id: "sterling",
  name: "IBM Sterling OMS",
  description: "Orders, release orders, shipments, catalog items and customers in IBM Sterling Order Management.",
  icon: "package",
  // The built-in simulator is offered on the Connect form only where it runs (server/boot/config.ts decides).
  accounts: withBuiltInSimulator(),
  testConnection: testSterlingConnection,
  optionsLoaders: sterlingOptionsLoaders,
  // In the seed's order: Orders, Release orders, Shipments.
  triggers: [
    orderLineBackOrderTrigger,
    cancelledOrderTrigger,
    releasedOrderTrigger,
    newOrderTrigger,
    updatedOrderTrigger,
    newOrUpdatedReleaseOrderTrigger,
    newShipmentTrigger,
  ],
  // Grouped as IBM App Connect's connector groups them; Retrieve order details and release orders are Conflux's own.
  actions: [
    createCatalogItemAction,
    getItemListAction,
    createCustomerAction,
    getCustomerListAction,
    updateCustomerAction,
    deleteCustomerAction,
    createOrderAction,
    getOrderListAction,
    getOrderDetailsAction,
    changeOrderAction,
    deleteOrderAction,
    getOrderReleaseListAction,
    createOrganizationAction,
    getOrganizationListAction,
    updateOrganizationAction,
    deleteOrganizationAction,
    updateOrCreateShipmentAction,
    getShipmentListAction,
    ...asyncActions,
  ],
  templates: [
    logNewOrdersTemplate,
    newOrderToWebhookTemplate,
    cancelledOrderNotifyTemplate,
    newShipmentUpdateOrderTemplate,
    backOrderAlertTemplate,
    releaseOrderLogTemplate,
  ],
});

function withBuiltInSimulator() {
  const presets = builtInSimulatorPresets();
  return presets.length > 0 ? { ...sterlingAccounts, auth: { ...sterlingAccounts.auth, presets } } : sterlingAccounts;
}
