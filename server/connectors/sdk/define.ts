// Identity functions that give connector authors type inference (input types flow into `run`) and catch mistakes
// that types cannot, such as two operations with the same key, when the module loads rather than in production.
import { z } from "zod";
import type { ConnectorAuth } from "@/lib/account-fields";
import { optionsLoaderKey } from "./options";
import { MAX_POLL_INTERVAL_SECONDS, MIN_POLL_INTERVAL_SECONDS } from "./poll";
import type { ActionDefinition, ConnectorDefinition, PollingTriggerDefinition, TriggerDefinition } from "./types";
import type { WebhookTriggerDefinition } from "./webhook";

const keyPattern = /^[a-z][A-Za-z0-9]*$/;

export function defineAction<Input extends z.ZodType, Output extends z.ZodType>(
  action: ActionDefinition<Input, Output>,
): ActionDefinition<Input, Output> {
  assertKey(action.key, "action");
  return action;
}

export function defineTrigger<Input extends z.ZodType, Output extends z.ZodType>(
  trigger: TriggerDefinition<Input, Output>,
): TriggerDefinition<Input, Output> {
  assertKey(trigger.key, "trigger");
  return trigger;
}

/**
 * A polling trigger (see PollingTriggerDefinition for the contract poll must keep). Its input must offer an
 * `intervalSeconds` field (pollIntervalField) so users can poll less often than the default.
 */
export function definePollingTrigger<Input extends z.ZodType, Output extends z.ZodType>(
  trigger: PollingTriggerDefinition<Input, Output>,
): PollingTriggerDefinition<Input, Output> {
  assertKey(trigger.key, "trigger");
  const interval = trigger.intervalSeconds;
  if (!Number.isInteger(interval) || interval < MIN_POLL_INTERVAL_SECONDS || interval > MAX_POLL_INTERVAL_SECONDS) {
    const range = `${MIN_POLL_INTERVAL_SECONDS}..${MAX_POLL_INTERVAL_SECONDS} s`;
    throw new Error(`polling trigger "${trigger.key}" has an interval outside ${range}`);
  }
  if (!(trigger.input instanceof z.ZodObject) || !("intervalSeconds" in trigger.input.shape)) {
    throw new Error(`polling trigger "${trigger.key}" needs an intervalSeconds input field (pollIntervalField)`);
  }
  return trigger;
}

/** A trigger that receives HTTP requests (see WebhookTriggerDefinition in webhook.ts for the contract). */
export function defineWebhookTrigger<
  Input extends z.ZodType,
  Output extends z.ZodType,
  Body extends z.ZodType,
  Answer extends z.ZodType,
>(
  trigger: WebhookTriggerDefinition<Input, Output, Body, Answer>,
): WebhookTriggerDefinition<Input, Output, Body, Answer> {
  assertKey(trigger.key, "trigger");
  const auth = trigger.authentication;
  if ((auth.scheme === "key" || auth.scheme === "hmac") && !/^[A-Za-z0-9-]+$/.test(auth.header)) {
    throw new Error(`webhook trigger "${trigger.key}" names the header "${auth.header}", which is not a header name`);
  }
  if (auth.scheme === "basic" && (auth.username === "" || auth.username.includes(":"))) {
    throw new Error(`webhook trigger "${trigger.key}" needs a Basic user name without ":"`);
  }
  return trigger;
}

export function defineConnector(declared: ConnectorDefinition): ConnectorDefinition {
  if (declared.auth && declared.accounts) {
    throw new Error(`connector "${declared.id}" declares both auth and accounts: declare accounts only`);
  }
  const connector = declared.accounts ? { ...declared, auth: declared.accounts.auth } : declared;
  if (!/^[a-z][a-z0-9-]*$/.test(connector.id)) {
    throw new Error(`connector id "${connector.id}" must be lower-case letters, digits and -`);
  }
  const keys = new Set<string>();
  for (const operation of [...connector.triggers, ...connector.actions]) {
    // Triggers and actions share one namespace because a flow node names only `operation`.
    if (keys.has(operation.key)) throw new Error(`connector "${connector.id}" declares "${operation.key}" twice`);
    keys.add(operation.key);
  }
  if (connector.auth) assertAuth(connector.id, connector.auth);
  assertOperationModes(connector);
  assertAccountUse(connector);
  assertOptionsLoaders(connector);
  return connector;
}

/** An operation naming a mode the connector does not have could never be given an account. */
function assertOperationModes(connector: ConnectorDefinition): void {
  const modes = new Set(connector.auth?.modes.map((mode) => mode.key) ?? []);
  for (const operation of [...connector.triggers, ...connector.actions]) {
    const unknown = operation.modes?.find((mode) => !modes.has(mode));
    if (unknown !== undefined) {
      throw new Error(`connector "${connector.id}" operation "${operation.key}" names the unknown mode "${unknown}"`);
    }
  }
}

/** `requiredWhen` must name an on/off setting of the operation, or the account would never (or always) be asked. */
function assertAccountUse(connector: ConnectorDefinition): void {
  for (const operation of [...connector.triggers, ...connector.actions]) {
    const use = operation.account;
    if (typeof use !== "object") continue;
    const setting = operation.input instanceof z.ZodObject ? operation.input.shape[use.requiredWhen] : undefined;
    if (!(setting instanceof z.ZodType) || !setting.safeParse(true).success || setting.safeParse("yes").success) {
      throw new Error(
        `connector "${connector.id}" operation "${operation.key}" requires its account when "${use.requiredWhen}", which is not an on/off setting`,
      );
    }
  }
}

/** A field naming a loader that does not exist would only fail when someone opens it in the designer. */
function assertOptionsLoaders(connector: ConnectorDefinition): void {
  const loaders = connector.optionsLoaders ?? {};
  if (Object.keys(loaders).length > 0 && !connector.auth) {
    throw new Error(`connector "${connector.id}" declares options loaders but no accounts to load them with`);
  }
  for (const operation of [...connector.triggers, ...connector.actions]) {
    if (!(operation.input instanceof z.ZodObject)) continue;
    const fields: string[] = Object.keys(operation.input.shape);
    for (const field of fields) {
      const key = optionsLoaderKey(operation.input, field);
      if (key === undefined) continue;
      const where = `connector "${connector.id}" operation "${operation.key}" field "${field}"`;
      const loader = Object.hasOwn(loaders, key) ? loaders[key] : undefined;
      if (!loader) throw new Error(`${where} names the options loader "${key}", which the connector does not declare`);
      const unknown = (loader.dependsOn ?? []).find((name) => !fields.includes(name));
      if (unknown) throw new Error(`${where}: its options loader "${key}" depends on "${unknown}", not a field here`);
    }
  }
}

/** Account forms are generated from this declaration, so a slip here would reach users as a broken form. */
function assertAuth(connectorId: string, auth: ConnectorAuth): void {
  if (auth.modes.length === 0) throw new Error(`connector "${connectorId}" declares auth without connection modes`);
  const modes = new Set<string>();
  for (const mode of auth.modes) {
    if (modes.has(mode.key)) throw new Error(`connector "${connectorId}" declares mode "${mode.key}" twice`);
    modes.add(mode.key);
    const fields = new Set<string>();
    for (const field of mode.fields) {
      const where = `connector "${connectorId}" mode "${mode.key}" field "${field.key}"`;
      if (fields.has(field.key)) throw new Error(`${where} is declared twice`);
      fields.add(field.key);
      if (field.type === "select" && !field.options?.length) throw new Error(`${where} is a select without options`);
      const defaultIsOption = field.options?.some((option) => option.value === field.default);
      if (field.type === "select" && field.default !== undefined && !defaultIsOption) {
        throw new Error(`${where} has a default that is not one of its options`);
      }
    }
  }
}

function assertKey(key: string, what: string): void {
  if (!keyPattern.test(key)) throw new Error(`${what} key "${key}" must be camelCase letters and digits`);
}
