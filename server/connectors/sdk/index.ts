export { defineAction, defineConnector, defineTrigger } from "./define";
export { field, fieldWidgets, type FieldHints, type FieldWidget } from "./fields";
export {
  errorForResponse,
  httpRequest,
  statusLine,
  type HttpRequest,
  type HttpResponse,
  type TlsClientOptions,
} from "./http";
export { buildConnectorManifest } from "./manifest";
export type {
  ActionAccount,
  ActionContext,
  ActionDefinition,
  AnyAction,
  AnyTrigger,
  ConnectorDefinition,
  Logger,
  TestConnectionArgs,
  TriggerDefinition,
  TriggerKind,
} from "./types";
