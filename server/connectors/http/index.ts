// HTTP: call any REST endpoint, for systems that have no connector of their own yet.
import { defineConnector } from "../sdk";
import { requestAction } from "./actions/request";
import { httpAuth } from "./auth";
import { testHttpConnection } from "./test-connection";

export const httpConnector = defineConnector({
  id: "http",
  name: "HTTP",
  description: "Call any HTTP or REST API.",
  icon: "globe",
  auth: httpAuth,
  testConnection: testHttpConnection,
  triggers: [],
  actions: [requestAction],
});
