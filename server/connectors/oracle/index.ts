// Oracle Fusion Cloud Order Management: sales orders for the order hub (salesOrdersForOrderHub, ADF REST) and the
// business events Order Management sends to the systems it works with.
import { defineConnector } from "../sdk";
import { createSalesOrderAction } from "./actions/create-sales-order";
import { deleteSalesOrderAction } from "./actions/delete-sales-order";
import { getSalesOrderAction } from "./actions/get-sales-order";
import { listSalesOrdersAction } from "./actions/list-sales-orders";
import { submitSalesOrderAction } from "./actions/submit-sales-order";
import { updateSalesOrderAction } from "./actions/update-sales-order";
import { oracleAccounts } from "./auth";
import { builtInOraclePreset } from "./simulator/built-in";
import { testOracleConnection } from "./test-connection";
import { notificationToWebhookTemplate } from "./templates/notification-to-webhook";
import { statusUpdatedToLogTemplate } from "./templates/status-updated-to-log";
import { orderStatusUpdatedTrigger } from "./triggers/order-status-updated";
import { salesOrderNotificationTrigger } from "./triggers/sales-order-notification";
import { salesOrdersChangedTrigger } from "./triggers/sales-orders-changed";

export const oracleConnector = defineConnector({
  id: "oracle",
  name: "Oracle Order Management",
  description: "Create, read, change and submit sales orders in Oracle Fusion Cloud Order Management, and follow them.",
  icon: "truck",
  accounts: withBuiltInSimulator(),
  testConnection: testOracleConnection,
  triggers: [orderStatusUpdatedTrigger, salesOrderNotificationTrigger, salesOrdersChangedTrigger],
  actions: [
    createSalesOrderAction,
    getSalesOrderAction,
    listSalesOrdersAction,
    updateSalesOrderAction,
    submitSalesOrderAction,
    deleteSalesOrderAction,
  ],
  templates: [statusUpdatedToLogTemplate, notificationToWebhookTemplate],
});

function withBuiltInSimulator() {
  const preset = builtInOraclePreset();
  return preset ? { ...oracleAccounts, auth: { ...oracleAccounts.auth, presets: [preset] } } : oracleAccounts;
}
