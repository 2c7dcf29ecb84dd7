// HTTP: call any REST endpoint, for systems that have no connector of their own yet.
import { defineConnector } from "../sdk";
import { requestAction } from "./actions/request";

export const httpConnector = defineConnector({
  id: "http",
  name: "HTTP",
  description: "Call any HTTP or REST API.",
  icon: "globe",
  triggers: [],
  actions: [requestAction],
});
