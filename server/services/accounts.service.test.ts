// Saved accounts on a real Postgres: validation, sealing, tests against a local server, names, edits, deletion
// while in use, and a ciphertext altered in the database.
import http from "node:http";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { openCredentials } from "../accounts/sealed";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import { executeRun } from "../runtime/executor";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import * as accounts from "./accounts.service";
import { listenOnLoopback } from "@/test/local-server";
import { rejection } from "@/test/rejection";
import { mqAccount } from "@/test/connectors/sterling";

let t: TestDatabase;
let ctx: accounts.AccountsContext;
let server: http.Server;
let base: string;

beforeAll(async () => {
  t = await createTestDatabase();
  ctx = { db: t.db, keys: testKeyRing(), workspaceId: await ensureDefaultWorkspace(t.db) };
  server = http.createServer((req, res) => {
    const ok = req.headers.authorization === "Bearer right-token";
    res.writeHead(ok ? 200 : 401, { "content-type": "application/json" }).end(JSON.stringify({ ok }));
  });
  base = await listenOnLoopback(server);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await t.drop();
});

const bearer = (name: string, token = "right-token") =>
  accounts.createAccount(ctx, { connectorId: "http", name, mode: "bearer", values: { baseUrl: base, token } });

async function saved(id: string) {
  const row = await t.db.account.findUniqueOrThrow({ where: { id } });
  return { row, values: openCredentials(ctx.keys.get(), row) };
}

describe("accounts service", () => {
  it("validates against the connector's declared fields, naming the field", async () => {
    const create = (mode: string, values: Record<string, string>) =>
      accounts.createAccount(ctx, { connectorId: "http", name: `Bad ${mode}`, mode, values });
    const missing = await rejection(create("basic", { baseUrl: base, username: "ops" }));
    expect(missing).toBeInstanceOf(ValidationError);
    expect(missing).toMatchObject({ message: "Password is required", details: { field: "password" } });
    expect((await rejection(create("none", { baseUrl: "not a url" }))).message).toBe(
      "Base URL must be an http:// or https:// URL",
    );
    const pem = await rejection(create("clientCertificate", { baseUrl: base, certificate: "hello", privateKey: "x" }));
    expect(pem).toMatchObject({ details: { field: "certificate" } });
    expect(pem.message).toMatch(/^Client certificate is not a PEM certificate/);
    expect((await rejection(create("kerberos", { baseUrl: base }))).message).toBe('Unknown connection mode "kerberos"');
    const core = accounts.createAccount(ctx, { connectorId: "core", name: "x", values: {} });
    expect((await rejection(core)).message).toBe("Toolbox does not use accounts");
    expect(await rejection(accounts.createAccount(ctx, { connectorId: "sap", name: "x", values: {} }))).toBeInstanceOf(
      NotFoundError,
    );
    expect(await accounts.listAccounts(ctx)).toEqual([]);
  });

  it("seals the credentials and lists readable fields, secrets only as set", async () => {
    const created = await accounts.createAccount(ctx, {
      connectorId: "http",
      name: "Orders API",
      mode: "basic",
      values: { baseUrl: `${base}/v1`, username: "ops", password: "pa55-canary" },
    });
    expect(created).toMatchObject({
      connectorId: "http",
      name: "Orders API",
      mode: "basic",
      status: "untested",
      statusMessage: null,
      values: { baseUrl: `${base}/v1`, username: "ops" },
      secretsSet: ["password"],
      usedBy: [],
      certificateExpiresAt: null,
      certificateExpiresInDays: null,
    });
    const { row, values } = await saved(created.id);
    expect(Buffer.from(row.credentials ?? []).toString("latin1")).not.toContain("pa55-canary");
    expect(values.password).toBe("pa55-canary");
    expect(JSON.stringify(await accounts.listAccounts(ctx, { connectorId: "http" }))).not.toContain("pa55-canary");
    expect(await accounts.listAccounts(ctx, { connectorId: "core" })).toEqual([]);
  });

  it("reads the certificate expiry of a client-certificate account", async () => {
    const pems = await generate([{ name: "commonName", value: "c" }], {
      keyType: "ec",
      notAfterDate: new Date(Date.now() + 12 * 86_400_000 + 3_600_000),
    });
    const created = await accounts.createAccount(ctx, {
      connectorId: "http",
      name: "mTLS",
      mode: "clientCertificate",
      values: {
        baseUrl: "https://127.0.0.1:9",
        certificate: pems.cert.replace(/\n/g, "\\n"),
        privateKey: pems.private,
      },
    });
    expect(created.certificateExpiresInDays).toBe(12);
    expect(created.values.certificate).toContain("-----BEGIN CERTIFICATE-----\n");
    expect(created.values.privateKey).toBeUndefined();
    expect(created.secretsSet).toEqual(["privateKey"]);
  });

  it("tests on connect and on demand, keeping the remote error in plain words", async () => {
    const good = await accounts.createAccount(ctx, {
      connectorId: "http",
      name: "Good",
      mode: "bearer",
      values: { baseUrl: base, token: "right-token" },
      test: true,
    });
    expect(good).toMatchObject({ status: "connected", statusMessage: null });
    expect(good.lastTestedAt).toBeInstanceOf(Date);
    const bad = await bearer("Wrong token", "wrong-token");
    expect(bad.status).toBe("untested");
    expect(await accounts.testAccount(ctx, bad.id)).toMatchObject({
      status: "failing",
      statusMessage: "The server refused the credentials (401 Unauthorized)",
    });
  });

  it("keeps names unique per application and workspace", async () => {
    const first = await bearer("Shared name");
    const duplicate = await rejection(bearer("Shared name"));
    expect(duplicate).toBeInstanceOf(ConflictError);
    expect(duplicate.message).toBe('An account named "Shared name" already exists for HTTP');
    const other = await bearer("Other name");
    const rename = await rejection(accounts.renameAccount(ctx, other.id, "Shared name"));
    expect(rename.message).toBe('An account named "Shared name" already exists for HTTP');
    expect((await accounts.renameAccount(ctx, other.id, "Renamed")).name).toBe("Renamed");
    const elsewhere = { ...ctx, workspaceId: (await t.db.workspace.create({ data: { name: "Other" } })).id };
    await expect(
      accounts.createAccount(elsewhere, {
        connectorId: "http",
        name: "Shared name",
        mode: "none",
        values: { baseUrl: base },
      }),
    ).resolves.toMatchObject({ name: "Shared name" });
    await expect(accounts.getAccount(elsewhere, first.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps a secret left blank on edit and resets the status of changed credentials", async () => {
    const account = await accounts.testAccount(ctx, (await bearer("Editable")).id);
    expect(account.status).toBe("connected");
    const edited = await accounts.updateAccount(ctx, { id: account.id, values: { baseUrl: `${base}/v2`, token: "" } });
    expect(edited).toMatchObject({ status: "untested", lastTestedAt: null, values: { baseUrl: `${base}/v2` } });
    expect((await saved(account.id)).values.token).toBe("right-token");
    const switched = await accounts.updateAccount(ctx, {
      id: account.id,
      name: "Edited",
      mode: "apiKey",
      values: { baseUrl: base, apiKey: "k-1" },
      test: true,
    });
    expect(switched).toMatchObject({ name: "Edited", mode: "apiKey", values: { headerName: "X-API-Key" } });
    expect(switched.status).toBe("failing");
  });

  it("asks for the secrets again when an edit points the account at another host or mode", async () => {
    const account = await bearer("Harvest");
    const elsewhere = `http://attacker.example:${new URL(base).port}`;
    const moved = await rejection(accounts.updateAccount(ctx, { id: account.id, values: { baseUrl: elsewhere } }));
    expect(moved).toBeInstanceOf(ValidationError);
    expect(moved).toMatchObject({ details: { field: "token" } });
    expect(moved.message).toBe(
      "Enter the Token again: Base URL changed, and saved secrets are only sent where they were entered",
    );
    // Another port is another origin; a blank token is not "keep it" there either.
    const otherPort = `http://127.0.0.1:${Number(new URL(base).port) + 1}`;
    const portMoved = accounts.updateAccount(ctx, { id: account.id, values: { baseUrl: otherPort, token: " " } });
    expect((await rejection(portMoved)).message).toMatch(/^Enter the Token again/);
    expect((await saved(account.id)).values).toEqual({ baseUrl: base, token: "right-token" });
    // Typed again, the move is saved with the new token.
    await accounts.updateAccount(ctx, { id: account.id, values: { baseUrl: elsewhere, token: "new-token" } });
    expect((await saved(account.id)).values).toEqual({ baseUrl: elsewhere, token: "new-token" });
    // A mode change asks as well, even with the same base URL.
    const basic = await rejection(
      accounts.updateAccount(ctx, { id: account.id, mode: "basic", values: { baseUrl: elsewhere, username: "ops" } }),
    );
    expect(basic.message).toBe("Enter the Password again: the connection mode changed");
  });

  it("asks for Sterling's MQ secrets again when the MQ server changes", async () => {
    const { credentials: values } = mqAccount("https://mq.example.com:9443");
    const created = await accounts.createAccount(ctx, { connectorId: "sterling", name: "MQ", mode: "mq", values });
    const blankSecrets = { restPassword: "", privateKey: "" };
    const moved = accounts.updateAccount(ctx, {
      id: created.id,
      values: { ...values, ...blankSecrets, server: "evil.example.com:1414" },
    });
    expect((await rejection(moved)).message).toMatch(/^Enter the .+ again: IBM MQ server changed/);
    const restMoved = accounts.updateAccount(ctx, {
      id: created.id,
      values: { ...values, ...blankSecrets, restUrl: "https://evil.example.com:9443" },
    });
    expect((await rejection(restMoved)).message).toMatch(/^Enter the .+ again: MQ messaging REST URL changed/);
    const same = { ...values, ...blankSecrets, queue: "SMCFS.OTHER" };
    expect((await accounts.updateAccount(ctx, { id: created.id, values: same })).values.queue).toBe("SMCFS.OTHER");
    expect((await saved(created.id)).values.restPassword).toBe(values.restPassword);
  });

  it("refuses to delete an account a running flow uses, naming the flow, and deletes it once stopped", async () => {
    const account = await bearer("In use");
    const graph = linearGraph(
      { id: "trigger", connectorId: "core", operation: "manual" },
      { id: "call", connectorId: "http", operation: "request", accountId: account.id, inputs: { url: "/x" } },
    );
    const flow = await seedRunningFlow(t.db, graph, { workspaceId: ctx.workspaceId });
    await t.db.flow.update({ where: { id: flow.flowId }, data: { name: "Sync orders" } });
    expect((await accounts.getAccount(ctx, account.id)).usedBy).toEqual([
      { flowId: flow.flowId, flowName: "Sync orders", status: "running" },
    ]);
    const refused = await rejection(accounts.deleteAccount(ctx, account.id));
    expect(refused.code).toBe("ACCOUNT_IN_USE");
    expect(refused.message).toBe(
      'The account "In use" is used by the running flow "Sync orders". Stop them or choose another account in them first.',
    );
    expect(refused.details).toEqual({ flows: [{ flowId: flow.flowId, flowName: "Sync orders" }] });

    await t.db.flow.update({ where: { id: flow.flowId }, data: { status: "stopped" } });
    await accounts.deleteAccount(ctx, account.id);
    await expect(accounts.getAccount(ctx, account.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("shows an altered ciphertext as unreadable without breaking anything else, and an edit repairs it", async () => {
    const account = await bearer("Tampered");
    const { row } = await saved(account.id);
    const altered = new Uint8Array(row.credentials ?? []);
    altered[altered.length - 1] = (altered[altered.length - 1] ?? 0) ^ 0x01;
    await t.db.account.update({ where: { id: account.id }, data: { credentials: altered } });

    const listed = await accounts.listAccounts(ctx);
    expect(listed.find((item) => item.id === account.id)).toMatchObject({
      status: "unreadable",
      statusMessage: "credentials unreadable: integrity check failed",
      values: {},
      secretsSet: [],
    });
    expect(listed.filter((item) => item.status !== "unreadable").length).toBeGreaterThan(3);
    const test = await rejection(accounts.testAccount(ctx, account.id));
    expect(test.code).toBe("CREDENTIALS_UNREADABLE");
    expect(test.message).toMatch(
      /^The credentials of the account "Tampered" are unreadable \(integrity check failed\)/,
    );

    const graph = linearGraph(
      { id: "trigger", connectorId: "core", operation: "manual" },
      { id: "call", connectorId: "http", operation: "request", accountId: account.id, inputs: { url: "/x" } },
    );
    const flow = await seedRunningFlow(t.db, graph, { workspaceId: ctx.workspaceId });
    const run = await t.db.run.create({
      data: {
        workspaceId: flow.workspaceId,
        flowId: flow.flowId,
        flowVersionId: flow.versionId,
        triggerKind: "manual",
        triggerData: {},
      },
    });
    await executeRun(t.db, run.id, { signal: new AbortController().signal, log: () => undefined, keys: ctx.keys });
    const failed = await t.db.run.findUniqueOrThrow({ where: { id: run.id } });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatchObject({ code: "CREDENTIALS_UNREADABLE", stepId: "call" });

    const repaired = await accounts.updateAccount(ctx, {
      id: account.id,
      values: { baseUrl: base, token: "right-token" },
    });
    expect(repaired.status).toBe("untested");
    expect((await accounts.testAccount(ctx, account.id)).status).toBe("connected");
  });
});
