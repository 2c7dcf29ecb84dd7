// Secrets never leave the server. Accounts are saved with canary secrets, every accounts procedure and the flows and
// runs procedures are called, and a flow that uses the accounts runs against servers that echo back what they get.
// Then no API response, stored row (runs, steps, flows, queue jobs) or console or worker output may hold a canary,
// raw, base64- or URL-encoded.
import crypto from "node:crypto";
import http from "node:http";
import https from "node:https";
import { format } from "node:util";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { emptyFlowGraph, type FlowNode } from "@/lib/flow-graph";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { callerContext } from "@/test/principal";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import { getRunQueue, startWorker, type Worker } from "../runtime";
import { waitForRun } from "@/test/runtime/helpers";
import { appRouter } from "./root";
import { createCallerFactory } from "./trpc";
import { listenOnLoopback } from "@/test/local-server";
import { POST } from "@/app/api/hooks/[id]/route";
import { isWriteOnly, type AccountField } from "@/lib/account-fields";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { connectors } from "../connectors";
import { defaultKeyRing } from "../security/keyring";
import { signedHeaders } from "@/test/runtime/webhook-signing";
import { getWebhookInfo } from "../services/webhooks.service";

const tag = crypto.randomBytes(4).toString("hex");
const canaries = {
  password: `canary-pw-${tag}/+=&? é`,
  token: `canary-token-${tag}~!*'()`,
  apiKey: `canary-key-${tag} with space`,
  passphrase: `canary-pass-${tag}#%`,
  updated: `canary-updated-${tag}:@`,
};
const pems = await generate([{ name: "commonName", value: "conflux-client" }], { keyType: "ec" });
const ip = [{ name: "subjectAltName" as const, altNames: [{ type: 7 as const, ip: "127.0.0.1" }] }];
const serverPems = await generate([{ name: "commonName", value: "127.0.0.1" }], { keyType: "ec", extensions: ip });
const encryptedKey = crypto
  .createPrivateKey(pems.private)
  .export({ format: "pem", type: "pkcs8", cipher: "aes-256-cbc", passphrase: canaries.passphrase })
  .toString();

/** Every form a canary must not appear in. */
function leakForms(): string[] {
  const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");
  const forms = Object.values(canaries).flatMap((secret) => [
    secret,
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, "+"),
    b64(secret),
    b64(secret).replace(/=+$/, ""),
    Buffer.from(secret).toString("base64url"),
  ]);
  forms.push(b64(`ops:${canaries.password}`), b64(`ops:${canaries.updated}`));
  const keyLines = (pem: string) => pem.split("\n").filter((line) => line.length >= 16 && !line.startsWith("-----"));
  return [...forms, ...keyLines(encryptedKey), ...keyLines(pems.private)];
}

let t: TestDatabase;
let worker: Worker;
const servers: http.Server[] = [];
const captured: string[] = [];
const responses: unknown[] = [];
let echo: string;
let secure: string;

function echoHandler(req: http.IncomingMessage, res: http.ServerResponse) {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
  req.on("end", () => {
    const reply = JSON.stringify({ url: req.url, headers: req.headers, body });
    const status = req.url?.startsWith("/refuse") ? 401 : 200;
    res.writeHead(status, { "content-type": "application/json", "x-echo-auth": String(req.headers.authorization) });
    res.end(reply);
  });
}

async function listen(server: http.Server): Promise<number> {
  servers.push(server);
  return Number(new URL(await listenOnLoopback(server)).port);
}

beforeAll(async () => {
  for (const method of ["log", "info", "warn", "error", "debug"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void captured.push(format(...args)));
  }
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  echo = `http://127.0.0.1:${await listen(http.createServer(echoHandler))}`;
  const tlsOptions = { cert: serverPems.cert, key: serverPems.private, ca: pems.cert, requestCert: true };
  secure = `https://127.0.0.1:${await listen(https.createServer(tlsOptions, echoHandler))}`;
});
afterAll(async () => {
  await worker?.stop();
  await (await getRunQueue()).stop();
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await t?.drop();
  vi.restoreAllMocks();
});

/** A call that plants a canary: it must succeed, or the test would pass without the secret ever being stored. */
async function plant<T>(promise: Promise<T>, what: string): Promise<T> {
  const value = await promise.catch((error: unknown) => {
    throw new Error(`the canary could not be planted (${what}): ${String(error)}`);
  });
  responses.push(value);
  return value;
}

async function settle<T>(promise: Promise<T>): Promise<T | undefined> {
  try {
    const value = await promise;
    responses.push(value);
    return value;
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof ConfluxError ? error.cause.toJSON() : undefined;
    responses.push({ error: String(error), stack: error instanceof Error ? error.stack : undefined, cause });
    return undefined;
  }
}

describe("secrets never leave the server", () => {
  it("keeps canary secrets out of every response, stored row and line of output", async () => {
    const keys = testKeyRing();
    const workspaceId = await ensureDefaultWorkspace(t.db);
    const caller = createCallerFactory(appRouter)(callerContext(t.db, workspaceId, { keys }));
    worker = await startWorker({ databaseUrl: t.url, db: t.db, keys, log: (line) => captured.push(line), tickMs: 200 });

    const create = (name: string, mode: string, values: Record<string, string>) =>
      settle(caller.accounts.create({ connectorId: "http", name, mode, values, test: true }));
    const planted = (name: string, mode: string, values: Record<string, string>) =>
      plant(caller.accounts.create({ connectorId: "http", name, mode, values, test: true }), `${name} account`);
    const basic = await planted("Basic", "basic", { baseUrl: echo, username: "ops", password: canaries.password });
    const bearer = await planted("Bearer", "bearer", { baseUrl: echo, token: canaries.token });
    const apiKey = await planted("Key", "apiKey", { baseUrl: echo, headerName: "X-Key", apiKey: canaries.apiKey });
    const mtls = await planted("mTLS", "clientCertificate", {
      baseUrl: secure,
      certificate: pems.cert,
      privateKey: encryptedKey.replace(/\n/g, "\\n"),
      passphrase: canaries.passphrase,
      ca: serverPems.cert,
    });
    const refused = await planted("Refused", "bearer", { baseUrl: `${echo}/refuse`, token: canaries.token });
    expect([basic, bearer, apiKey, mtls].map((account) => account.status)).toEqual(Array(4).fill("connected"));
    expect(refused.status).toBe("failing");

    // Failures that carry secrets in their input: a duplicate name, a missing field, a broken key.
    await create("Basic", "basic", { baseUrl: echo, username: "ops", password: canaries.password });
    await create("Broken", "basic", { baseUrl: "nope", username: "ops", password: canaries.password });
    await create("Bad key", "clientCertificate", {
      baseUrl: secure,
      certificate: pems.cert,
      privateKey: canaries.apiKey,
    });
    await settle(caller.accounts.update({ id: basic.id, values: { baseUrl: echo, username: "ops", password: "" } }));
    await plant(
      caller.accounts.update({ id: basic.id, values: { baseUrl: echo, username: "ops", password: canaries.updated } }),
      "a changed password",
    );
    await settle(caller.accounts.rename({ id: apiKey.id, name: "API key" }));
    await settle(caller.accounts.test({ id: refused.id }));
    await settle(caller.accounts.get({ id: mtls.id }));
    // A dynamic field's choices asked for with an account of another application: refused, naming only the account.
    await settle(
      caller.connectors.fieldOptions({
        connectorId: "sterling",
        operation: "getOrderList",
        field: "enterpriseCode",
        accountId: basic.id,
      }),
    );

    const call = (id: string, accountId: string, url: string, extra: Partial<FlowNode> = {}): FlowNode => ({
      id,
      type: "action",
      position: { x: 0, y: 0 },
      connectorId: "http",
      operation: "request",
      accountId,
      inputs: { method: "POST", url, body: '{"hello":"world"}' },
      ...extra,
    });
    const graph = emptyFlowGraph();
    graph.nodes.push(
      call("basic", basic.id, "/orders?x=1"),
      call("bearer", bearer.id, "/orders/2"),
      call("key", apiKey.id, `${echo}/orders/3`),
      call("mtls", mtls.id, "/orders/4"),
      {
        id: "note",
        type: "action",
        position: { x: 0, y: 0 },
        connectorId: "core",
        operation: "log",
        inputs: { message: "{{ $string(steps) }}" },
      },
      call("refuse", refused.id, "/again"),
    );
    const order = ["trigger", "basic", "bearer", "key", "mtls", "note", "refuse"];
    graph.edges = order
      .slice(1)
      .map((id, index) => ({ id: `e${index}`, source: order[index] ?? "", target: id, sourceHandle: "next" }));
    const flow = await caller.flows.create({ name: "Canary flow" });
    await settle(caller.flows.saveDraft({ id: flow.id, graph, baseRevision: 0 }));
    await settle(caller.flows.start({ id: flow.id }));
    const run = await settle(caller.flows.runNow({ id: flow.id, payload: { orderNo: "A-1" } }));
    if (!run) throw new Error("Run now failed");
    const finished = await waitForRun(t.db, run.runId);
    expect(finished.steps.map((step) => [step.stepId, step.status])).toEqual([
      ["trigger", "succeeded"],
      ["basic", "succeeded"],
      ["bearer", "succeeded"],
      ["key", "succeeded"],
      ["mtls", "succeeded"],
      ["note", "succeeded"],
      ["refuse", "failed"],
    ]);
    // The echo servers did receive the credentials: the redaction, not a missing header, keeps them out.
    expect(JSON.stringify(finished.steps[2]?.output)).toContain("Bearer [redacted]");
    expect(JSON.stringify(finished.steps[6]?.error)).toContain("[redacted]");

    await settle(caller.runs.get({ id: run.runId }));
    await settle(caller.runs.list({ flowId: flow.id, limit: 10 }));
    await settle(caller.flows.get({ id: flow.id }));
    await settle(caller.flows.list());
    await settle(caller.accounts.delete({ id: bearer.id }));
    await settle(caller.accounts.list({}));
    await settle(caller.accounts.list({ connectorId: "http" }));
    await settle(caller.connectors.manifest());
    await settle(caller.flows.stop({ id: flow.id }));
    await settle(caller.accounts.delete({ id: refused.id }));
    const listed = await viaHttp("accounts.list", { workspaceId, keys });
    expect(listed).toContain('"secretsSet":["password"]');
    const failedTest = await viaHttp("accounts.test", { workspaceId, keys }, { id: refused.id });
    expect(failedTest).toContain("NOT_FOUND"); // deleted above; the error still goes through the formatter
    responses.push(listed, failedTest, await viaHttp("accounts.test", { workspaceId, keys }, { id: basic.id }));

    // Every table the app writes, plus the queue's jobs, as the JSON text Postgres itself makes of each row.
    const stored: string[] = [];
    for (const table of [
      '"Account"',
      '"Flow"',
      '"FlowVersion"',
      '"Run"',
      '"StepRun"',
      '"TriggerState"',
      "pgboss.job",
    ]) {
      const raw = await t.db.$queryRawUnsafe(`SELECT row_to_json(t)::text AS row FROM ${table} t`);
      stored.push(
        ...z
          .array(z.object({ row: z.string() }))
          .parse(raw)
          .map(({ row }) => row),
      );
    }

    const haystacks = { responses: JSON.stringify(responses), stored: stored.join("\n"), output: captured.join("\n") };
    expect(haystacks.stored).toContain("Canary flow");
    for (const [where, text] of Object.entries(haystacks)) {
      for (const form of leakForms()) {
        if (text.includes(form)) throw new Error(`${where} holds a secret in the form ${JSON.stringify(form)}`);
      }
    }
  });
});

describe("every connector's secrets and webhook secrets never leave the server", () => {
  it("plants a canary in every secret field of every connector's modes and finds none outside the sealed rows", async () => {
    const keys = testKeyRing();
    const workspaceId = await ensureDefaultWorkspace(t.db);
    const caller = createCallerFactory(appRouter)(callerContext(t.db, workspaceId, { keys }));
    const mark = responses.length;
    const outputMark = captured.length;
    const planted: string[] = [];
    const canary = (where: string) => {
      const value = `canary-${where}-${tag}-${crypto.randomBytes(3).toString("hex")}`;
      planted.push(value);
      return value;
    };
    let modes = 0;
    for (const connector of connectors) {
      for (const mode of connector.auth?.modes ?? []) {
        const secrets = mode.fields.filter((field) => isWriteOnly(field));
        if (secrets.length === 0) continue;
        modes += 1;
        const values = (round: string) =>
          valuesFor(mode.fields, (field) => canary(`${connector.id}.${mode.key}.${field}.${round}`));
        const name = `Canary ${mode.label}`;
        const account = await plant(
          caller.accounts.create({ connectorId: connector.id, name, mode: mode.key, values: values("a"), test: true }),
          `${connector.id} ${mode.key}`,
        );
        // Saved with every secret: the account lists each as set, so each canary is really in the sealed row.
        expect(account.secretsSet.sort(), `${connector.id} ${mode.key}`).toEqual(
          secrets
            .filter((field) => field.type === "secret")
            .map((field) => field.key)
            .concat(secrets.filter((field) => field.type === "privateKey").map((field) => field.key))
            .sort(),
        );
        await plant(
          caller.accounts.update({ id: account.id, values: values("b"), test: true }),
          `${connector.id} edit`,
        );
        await settle(caller.accounts.test({ id: account.id }));
        await settle(caller.accounts.get({ id: account.id }));
      }
    }
    expect(modes).toBeGreaterThanOrEqual(8);
    await settle(caller.accounts.list({}));

    // A webhook flow's secret: shown to the designer on purpose (that answer is left out), never stored in the clear
    // or written to a run or the log, also when a caller sends it along in a header.
    const graph = linearGraph(
      { id: "hook", connectorId: "core", operation: "webhook", inputs: {} },
      { id: "note", connectorId: "core", operation: "log", inputs: { message: "{{ $string(trigger) }}" } },
    );
    const flow = await seedRunningFlow(t.db, graph, { workspaceId });
    const info = await getWebhookInfo(t.db, defaultKeyRing(), workspaceId, flow.flowId);
    const secret = info.secret ?? "";
    expect(secret).toMatch(/^whsec_/);
    planted.push(secret);
    const body = JSON.stringify({ orderNo: "W-1" });
    const id = info.path?.split("/").pop() ?? "";
    const headers = {
      ...signedHeaders(secret, { body, headers: { "content-type": "application/json" } }),
      "x-api-key": secret,
    };
    const answer = await POST(new Request(`http://localhost/api/hooks/${id}`, { method: "POST", body, headers }), {
      params: Promise.resolve({ id }),
    });
    expect(answer.status).toBe(202);
    const { runId } = (await answer.json()) as { runId: string };
    expect((await waitForRun(t.db, runId)).status).toBe("succeeded");

    const stored = await storedRows();
    const haystacks = {
      responses: JSON.stringify(responses.slice(mark)),
      stored: stored.join("\n"),
      output: captured.slice(outputMark).join("\n"),
    };
    let checked = 0;
    for (const [where, text] of Object.entries(haystacks)) {
      for (const form of planted.flatMap(encodedForms)) {
        checked += 1;
        if (text.includes(form)) throw new Error(`${where} holds a planted secret in the form ${JSON.stringify(form)}`);
      }
    }
    expect(checked).toBeGreaterThan(planted.length * 3);
  });
});

/** A value for each field of a mode: the secrets from `secret`, the rest valid for the field (URLs at the echo). */
function valuesFor(fields: AccountField[], secret: (key: string) => string): Record<string, string> {
  const values: Record<string, string> = {};
  const hasPassphrase = fields.some((field) => field.key === "passphrase");
  for (const field of fields) {
    if (field.key === "passphrase") values[field.key] = canaries.passphrase;
    else if (field.type === "secret") values[field.key] = secret(field.key);
    else if (field.type === "privateKey") values[field.key] = hasPassphrase ? encryptedKey : pems.private;
    else if (field.type === "certificate") values[field.key] = field.key === "ca" ? serverPems.cert : pems.cert;
    else if (field.type === "url") values[field.key] = echo;
    else if (field.type === "select") values[field.key] = field.default ?? field.options?.[0]?.value ?? "";
    else values[field.key] = field.default ?? fieldSample[field.key] ?? "canary-sample";
  }
  return values;
}

/** Text fields whose declaration wants a shape. */
const fieldSample: Record<string, string> = { server: "mq.example.com:1414", shopId: "10000", timeZone: "UTC" };

function encodedForms(secret: string): string[] {
  const b64 = Buffer.from(secret, "utf8").toString("base64");
  return [secret, encodeURIComponent(secret), b64.replace(/=+$/, ""), Buffer.from(secret).toString("base64url")];
}

/** Every table the app writes, plus the queue's jobs, as the JSON text Postgres itself makes of each row. */
async function storedRows(): Promise<string[]> {
  const stored: string[] = [];
  for (const table of ['"Account"', '"Flow"', '"FlowVersion"', '"Run"', '"StepRun"', '"TriggerState"', "pgboss.job"]) {
    const raw = await t.db.$queryRawUnsafe(`SELECT row_to_json(t)::text AS row FROM ${table} t`);
    stored.push(
      ...z
        .array(z.object({ row: z.string() }))
        .parse(raw)
        .map(({ row }) => row),
    );
  }
  return stored;
}

/** The API as the browser meets it: through the HTTP handler, its error formatter and superjson. */
async function viaHttp(
  path: string,
  context: { workspaceId: string; keys: ReturnType<typeof testKeyRing> },
  input?: unknown,
) {
  const isQuery = path.endsWith(".list");
  const encoded = encodeURIComponent(JSON.stringify({ json: input ?? {} }));
  const url = `http://localhost/api/trpc/${path}${isQuery ? `?input=${encoded}` : ""}`;
  const post = {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: input }),
  };
  const request = new Request(url, isQuery ? {} : post);
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => callerContext(t.db, context.workspaceId, { keys: context.keys }),
  });
  return response.text();
}
