export { defineAction, defineConnector, definePollingTrigger, defineTrigger, defineWebhookTrigger } from "./define";
export {
  isWebhookTrigger,
  webhookAuthentication,
  type AnyWebhookTrigger,
  type WebhookAnswer,
  type WebhookAuthentication,
  type WebhookFallbackReason,
  type WebhookRequestData,
  type WebhookSubscriptionArgs,
  type WebhookTriggerDefinition,
} from "./webhook";
export { isPollingTrigger, MIN_POLL_INTERVAL_SECONDS, pollIntervalField, pollIntervalSeconds } from "./poll";
export {
  field,
  fieldWidgets,
  operationHints,
  operationPanels,
  type FieldHints,
  type FieldWidget,
  type OperationHints,
  type OperationPanel,
} from "./fields";
export {
  errorForResponse,
  httpRequest,
  responseForDetails,
  statusLine,
  type HttpRequest,
  type HttpResponse,
  type TlsClientOptions,
} from "./http";
export { buildConnectorManifest } from "./manifest";
export { runFileRef, type RunFileInput, type RunFileRef, type RunFiles } from "./run-files";
export {
  accountField,
  accountMode,
  defineAccounts,
  type AccountActionContext,
  type AccountDeclaration,
  type AccountFieldHints,
  type AccountMode,
  type ConnectorAccounts,
  type ModeAccount,
} from "./accounts";
export {
  MAX_OPTIONS,
  OPTIONS_TIMEOUT_MS,
  optionsLoaderKey,
  runOptionsLoader,
  type FieldOption,
  type LiteralFieldValue,
  type OptionsLoader,
  type OptionsLoaderArgs,
} from "./options";
export type {
  AcknowledgeArgs,
  ActionAccount,
  ActionContext,
  ActionDefinition,
  AnyAction,
  AnyPollingTrigger,
  AnyTrigger,
  ConnectorDefinition,
  JsonValue,
  Logger,
  PollArgs,
  PolledItem,
  PollingTriggerDefinition,
  PollResult,
  TestConnectionArgs,
  TriggerDefinition,
  TriggerKind,
} from "./types";
