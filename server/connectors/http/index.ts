// HTTP: call any REST endpoint, for systems that have no connector of their own yet.
import { defineConnector } from "../sdk";
import { pollAndForwardTemplate } from "./templates/poll-and-forward";
import { requestAction } from "./actions/request";
import { uploadFileAction } from "./actions/upload-file";
import { httpAccounts } from "./auth";
import { testHttpConnection } from "./test-connection";
import { newItemsTrigger } from "./triggers/new-items";

export const httpConnector = defineConnector({
  id: "http",
  name: "HTTP",
  description: "Call any HTTP or REST API.",
  icon: "globe",
  accounts: httpAccounts,
  testConnection: testHttpConnection,
  // A guard for arbitrary APIs of unknown capacity; an account raises or lowers it for the API it really calls.
  rateLimit: { requestsPerSecond: 10, maxConcurrency: 5 },
  triggers: [newItemsTrigger],
  actions: [requestAction, uploadFileAction],
  templates: [pollAndForwardTemplate],
});
