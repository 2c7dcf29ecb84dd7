// Intershop Order Management (IOM): what the IOM Connector gives a shop — export orders, follow their state,
// returns (RMA) and availability (ATP) — through IOM's REST services (Order 2.0, RMA 2.10, Inventory 2.0).
import { defineConnector } from "../sdk";
import { iomAccounts } from "./auth";
import { testIomConnection } from "./test-connection";

export const iomConnector = defineConnector({
  id: "iom",
  name: "Intershop IOM",
  description: "Export orders to Intershop Order Management, follow their state, returns and product availability.",
  icon: "store",
  accounts: iomAccounts,
  testConnection: testIomConnection,
  triggers: [],
  actions: [],
});
