// IBM Sterling Order Management: orders, release orders, shipments, catalog items and customers through Sterling's
// REST API, with accounts for the REST API or IBM MQ as IBM App Connect offers them. Events arrive with polling
// triggers in the runtime.
import { defineConnector } from "../sdk";
import { logNewOrdersTemplate } from "./templates/log-new-orders";
import { changeOrderAction } from "./actions/change-order";
import { createOrderAction } from "./actions/create-order";
import { getCustomerListAction } from "./actions/get-customer-list";
import { getItemListAction } from "./actions/get-item-list";
import { getOrderDetailsAction } from "./actions/get-order-details";
import { getOrderListAction } from "./actions/get-order-list";
import { getOrderReleaseListAction } from "./actions/get-order-release-list";
import { getShipmentListAction } from "./actions/get-shipment-list";
import { sterlingAccounts } from "./auth";
import { sterlingOptionsLoaders } from "./options";
import { testSterlingConnection } from "./test-connection";

export const sterlingConnector = defineConnector({
  id: "sterling",
  name: "IBM Sterling OMS",
  description: "Orders, release orders, shipments, catalog items and customers in IBM Sterling Order Management.",
  icon: "package",
  accounts: sterlingAccounts,
  testConnection: testSterlingConnection,
  optionsLoaders: sterlingOptionsLoaders,
  triggers: [],
  actions: [
    getOrderListAction,
    getOrderDetailsAction,
    createOrderAction,
    changeOrderAction,
    getOrderReleaseListAction,
    getShipmentListAction,
    getItemListAction,
    getCustomerListAction,
  ],
  templates: [logNewOrdersTemplate],
});
