// Helpers the NewStore tests share: a simulated tenant with one API client, and an account pointing at it.
import type { z } from "zod";
import type { ActionAccount, ActionContext, ActionDefinition } from "@/server/connectors/sdk";
import { API_CLIENT_MODE } from "@/server/connectors/newstore/auth";
import { startNewStoreSimulator, type NewStoreSimulator } from "@/server/connectors/newstore/simulator";

export const TEST_CLIENT = { clientId: "conflux-test", clientSecret: "s3cret-client", ttlSeconds: 3600 };

export function startSampleNewStore(): Promise<NewStoreSimulator> {
  return startNewStoreSimulator({ realm: "acme-sandbox", clients: [TEST_CLIENT], allowLoopbackHttp: true });
}

export function newstoreCredentials(simulator: NewStoreSimulator, overrides: Record<string, string> = {}) {
  return {
    tenantUrl: simulator.baseUrl,
    clientId: TEST_CLIENT.clientId,
    clientSecret: TEST_CLIENT.clientSecret,
    tokenUrl: simulator.tokenUrl,
    ...overrides,
  };
}

export function newstoreAccount(simulator: NewStoreSimulator, overrides: Record<string, string> = {}): ActionAccount {
  return { id: "account-1", mode: API_CLIENT_MODE, credentials: newstoreCredentials(simulator, overrides) };
}

/** Runs an action as the runtime does (input parsed first), and reads its output through its output schema. */
export async function runNewStoreAction<Input extends z.ZodType, Output extends z.ZodType>(
  action: ActionDefinition<Input, Output>,
  input: Record<string, unknown>,
  account: ActionAccount,
): Promise<z.output<Output>> {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const ctx: ActionContext = {
    idempotencyKey: "run-1:step-1",
    signal: new AbortController().signal,
    log,
    runId: "run-1",
    stepId: "step-1",
    account,
  };
  return action.output.parse(await action.run({ input: action.input.parse(input), ctx }));
}
