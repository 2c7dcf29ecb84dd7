export { defineAction, defineConnector, defineTrigger } from "./define";
export { field, fieldWidgets, type FieldHints, type FieldWidget } from "./fields";
export { errorForResponse, httpRequest, type HttpRequest, type HttpResponse } from "./http";
export { buildConnectorManifest } from "./manifest";
export type {
  ActionContext,
  ActionDefinition,
  AnyAction,
  AnyTrigger,
  ConnectorDefinition,
  Logger,
  TriggerDefinition,
  TriggerKind,
} from "./types";
