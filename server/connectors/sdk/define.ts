// Identity functions that give connector authors type inference (input types flow into `run`) and catch mistakes
// that types cannot, such as two operations with the same key, when the module loads rather than in production.
import type { z } from "zod";
import type { ActionDefinition, ConnectorDefinition, TriggerDefinition } from "./types";

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

export function defineConnector(connector: ConnectorDefinition): ConnectorDefinition {
  if (!/^[a-z][a-z0-9-]*$/.test(connector.id)) {
    throw new Error(`connector id "${connector.id}" must be lower-case letters, digits and -`);
  }
  const keys = new Set<string>();
  for (const operation of [...connector.triggers, ...connector.actions]) {
    // Triggers and actions share one namespace because a flow node names only `operation`.
    if (keys.has(operation.key)) throw new Error(`connector "${connector.id}" declares "${operation.key}" twice`);
    keys.add(operation.key);
  }
  return connector;
}

function assertKey(key: string, what: string): void {
  if (!keyPattern.test(key)) throw new Error(`${what} key "${key}" must be camelCase letters and digits`);
}
