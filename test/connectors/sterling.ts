// Helpers the Sterling tests share: step contexts with an account, accounts pointing at a simulator, a closed port
// and a way to catch the ConfluxError a promise rejects with.
import { generate } from "selfsigned";
import type { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import type { ActionAccount, ActionContext, ActionDefinition } from "@/server/connectors/sdk";
import { restAccount as toRestAccount, type SterlingRestAccount } from "@/server/connectors/sterling/account";
import { MQ_MODE, REST_MODE, REST_MODES, sterlingAccounts } from "@/server/connectors/sterling/auth";
import { SAMPLE_MQ_USER, SAMPLE_USER } from "@/server/connectors/sterling/simulator/fixtures";

export function stepContext(account?: Omit<ActionAccount, "id">, idempotencyKey = "run-1:step-1"): ActionContext {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const [runId = "", stepId = ""] = idempotencyKey.split(":");
  return {
    idempotencyKey,
    signal: new AbortController().signal,
    log,
    runId,
    stepId,
    account: account && { id: "acc-1", ...account },
  };
}

/** Runs an action as the runtime does (input parsed first), and reads its output through its output schema. */
export async function runAction<Input extends z.ZodType, Output extends z.ZodType>(
  action: ActionDefinition<Input, Output>,
  input: Record<string, unknown>,
  account: Omit<ActionAccount, "id"> | undefined,
  idempotencyKey?: string,
): Promise<z.output<Output>> {
  const output = await action.run({ input: action.input.parse(input), ctx: stepContext(account, idempotencyKey) });
  return action.output.parse(output);
}

export function restAccount(simulatorUrl: string, overrides: Record<string, string> = {}) {
  return {
    mode: REST_MODE,
    credentials: {
      endpointUrl: `${simulatorUrl}/smcfs/restapi`,
      loginId: SAMPLE_USER.loginId,
      password: SAMPLE_USER.password,
      ...overrides,
    },
  };
}

/** What the REST client takes, read from saved values as a step reads them. */
export function restClientAccount(account: Omit<ActionAccount, "id">): SterlingRestAccount {
  return toRestAccount(sterlingAccounts.read({ id: "acc-1", ...account }, "a test", REST_MODES));
}

export const clientPems = await generate([{ name: "commonName", value: "conflux-mq" }], { keyType: "ec" });
export const strangerPems = await generate([{ name: "commonName", value: "stranger" }], { keyType: "ec" });

export function mqAccount(simulatorUrl: string, overrides: Record<string, string> = {}) {
  return {
    mode: MQ_MODE,
    credentials: {
      server: "mq.example.com:1414",
      queueManager: "QM1",
      channel: "DEV.APP.SVRCONN",
      cipherSpec: "ECDHE_RSA_AES_128_GCM_SHA256",
      certificateLabel: "ibmwebspheremqapp",
      certificate: clientPems.cert,
      privateKey: clientPems.private,
      queue: "SMCFS.CREATE.ORDER",
      restUrl: simulatorUrl,
      restUser: SAMPLE_MQ_USER.user,
      restPassword: SAMPLE_MQ_USER.password,
      ...overrides,
    },
  };
}

export async function failure(promise: Promise<unknown>): Promise<ConfluxError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ConfluxError)) throw new Error(`expected a ConfluxError, got ${String(error)}`);
  return error;
}

export { closedPort } from "@/test/local-server";

/**
 * The input document of the last call of `api` the simulator received: called directly, or through getPage (then the
 * list API's input element, with the page asked for as `page`).
 */
export function lastApiInput(requests: ReadonlyArray<{ path: string; body: string }>, api: string): unknown {
  for (const request of [...requests].reverse()) {
    if (request.path.endsWith(`/invoke/${api}`)) return JSON.parse(request.body);
    if (!request.path.endsWith("/invoke/getPage")) continue;
    const page = JSON.parse(request.body) as {
      PageNumber?: string;
      PageSize?: string;
      API?: { Name?: string; Input?: Record<string, unknown> };
    };
    if (page.API?.Name !== api) continue;
    const [input] = Object.values(page.API.Input ?? {});
    return { ...(input as object), page: { number: page.PageNumber, size: page.PageSize } };
  }
  return null;
}
