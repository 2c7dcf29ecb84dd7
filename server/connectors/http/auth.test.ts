// HTTP accounts against local servers: each connection mode on the request action and on Test connection, plain
// HTTP for the header modes and mutual TLS (selfsigned certificates) for the client-certificate mode.
import http from "node:http";
import https from "node:https";
import { TLSSocket } from "node:tls";
import { generate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfluxError } from "@/lib/errors";
import type { ActionAccount, ActionContext } from "../sdk";
import { requestAction } from "./actions/request";
import { httpAccounts } from "./auth";
import { httpConnector } from "./index";
import { testHttpConnection } from "./test-connection";
import { closedPort, listenOnLoopback } from "@/test/local-server";

const seen: Array<{ server: string; url?: string; headers: http.IncomingHttpHeaders; peer?: string }> = [];
const servers: Array<http.Server> = [];
let plain: string;
let other: string;
let secure: string;

const ip = [{ name: "subjectAltName" as const, altNames: [{ type: 7 as const, ip: "127.0.0.1" }] }];
const serverPems = await generate([{ name: "commonName", value: "127.0.0.1" }], { keyType: "ec", extensions: ip });
const clientPems = await generate([{ name: "commonName", value: "conflux-client" }], { keyType: "ec" });
const strangerPems = await generate([{ name: "commonName", value: "stranger" }], { keyType: "ec" });

function handler(name: string): http.RequestListener {
  return (req, res) => {
    const peer = req.socket instanceof TLSSocket ? String(req.socket.getPeerCertificate().subject?.CN) : undefined;
    seen.push({ server: name, url: req.url, headers: req.headers, peer });
    const auth = req.headers.authorization;
    if (req.url === "/hop") {
      res.writeHead(302, { location: `${other}/landed` }).end();
    } else if (req.url === "/same-hop") {
      res.writeHead(307, { location: "/api/orders/1" }).end();
    } else if (req.url === "/locked" && auth !== "Bearer good-token") {
      res.writeHead(401, { "content-type": "text/plain" }).end(`rejected ${auth ?? ""}`);
    } else if (req.url === "/down") {
      res.writeHead(503).end();
    } else if (req.url === "/nothing-here") {
      res.writeHead(404).end();
    } else {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ path: req.url }));
    }
  };
}

async function listen(server: http.Server): Promise<number> {
  servers.push(server);
  return Number(new URL(await listenOnLoopback(server)).port);
}

beforeAll(async () => {
  plain = `http://127.0.0.1:${await listen(http.createServer(handler("plain")))}`;
  other = `http://127.0.0.1:${await listen(http.createServer(handler("other")))}`;
  const mtls = https.createServer(
    {
      cert: serverPems.cert,
      key: serverPems.private,
      ca: clientPems.cert,
      requestCert: true,
      rejectUnauthorized: true,
    },
    handler("secure"),
  );
  secure = `https://127.0.0.1:${await listen(mtls)}`;
});
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

function ctx(account?: Omit<ActionAccount, "id">): ActionContext {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  const signal = new AbortController().signal;
  return { idempotencyKey: "r:s", signal, log, runId: "r", stepId: "s", account: account && { id: "acc", ...account } };
}

async function call(input: Record<string, unknown>, account?: Omit<ActionAccount, "id">) {
  return requestAction.run({ input: requestAction.input.parse(input), ctx: ctx(account) });
}

async function failure(promise: Promise<unknown>): Promise<ConfluxError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ConfluxError)) throw new Error(`expected a ConfluxError, got ${String(error)}`);
  return error;
}

const test = (mode: string, credentials: Record<string, string>) =>
  testHttpConnection({ mode, credentials, signal: new AbortController().signal });

const certificateAccount = (extra: Record<string, string> = {}) => ({
  mode: "clientCertificate",
  credentials: {
    baseUrl: `${secure}/api`,
    certificate: clientPems.cert,
    privateKey: clientPems.private,
    ca: serverPems.cert,
    ...extra,
  },
});

describe("HTTP accounts", () => {
  it("declares the five modes, each with a base URL, in the manifest shape", () => {
    const httpAuth = httpAccounts.auth;
    expect(httpConnector.auth).toBe(httpAuth);
    expect(httpAuth.modes.map((mode) => mode.key)).toEqual(["none", "basic", "bearer", "apiKey", "clientCertificate"]);
    expect(httpAuth.modes[3]?.fields[1]).toEqual({
      key: "headerName",
      label: "Header name",
      type: "text",
      required: true,
      default: "X-API-Key",
    });
    expect(httpAuth.modes[4]?.fields.map((field) => [field.key, field.type, field.required])).toEqual([
      ["baseUrl", "url", true],
      ["certificate", "certificate", true],
      ["privateKey", "privateKey", true],
      ["passphrase", "secret", false],
      ["ca", "certificate", false],
    ]);
    for (const mode of httpAuth.modes)
      expect(mode.fields[0]).toMatchObject({ key: "baseUrl", type: "url", required: true });
  });

  it("appends a path to the base URL and sends Basic, bearer or API key credentials", async () => {
    const base = `${plain}/api/`;
    const basic = await call(
      { url: "/orders/1" },
      { mode: "basic", credentials: { baseUrl: base, username: "ops", password: "pw:1" } },
    );
    expect(basic.body).toEqual({ path: "/api/orders/1" });
    expect(seen.at(-1)?.headers.authorization).toBe(`Basic ${Buffer.from("ops:pw:1").toString("base64")}`);

    await call(
      { url: "orders/2", headers: { AUTHORIZATION: "stale" } },
      { mode: "bearer", credentials: { baseUrl: base, token: "t0k" } },
    );
    expect(seen.at(-1)).toMatchObject({ url: "/api/orders/2", headers: { authorization: "Bearer t0k" } });

    await call(
      { url: `${plain}/elsewhere` },
      { mode: "apiKey", credentials: { baseUrl: base, headerName: "X-Key", apiKey: "k-1" } },
    );
    expect(seen.at(-1)).toMatchObject({ url: "/elsewhere", headers: { "x-key": "k-1" } });
    await call({ url: "/public" }, { mode: "none", credentials: { baseUrl: plain } });
    expect(seen.at(-1)?.headers.authorization).toBeUndefined();
  });

  it("never sends an account's credentials to another host", async () => {
    const account = { mode: "bearer", credentials: { baseUrl: plain, token: "t0k" } };
    const refused = await failure(call({ url: `${other}/steal` }, account));
    expect(refused.code).toBe("INPUT_INVALID");
    expect(refused.message).toContain("only sent to its base URL");

    await call({ url: "/hop" }, account);
    expect(seen.at(-1)).toMatchObject({ server: "other", url: "/landed" });
    expect(seen.at(-1)?.headers.authorization).toBeUndefined();
    await call({ url: "/same-hop" }, account);
    expect(seen.at(-1)).toMatchObject({
      server: "plain",
      url: "/api/orders/1",
      headers: { authorization: "Bearer t0k" },
    });
  });

  it("asks for a full URL when a step without an account gives a path", async () => {
    expect((await failure(call({ url: "/orders/1" }))).message).toMatch(
      /is a path: give a full URL, or choose an account/,
    );
  });

  it("presents the client certificate and trusts the account's CA certificate", async () => {
    const reply = await call({ url: "/orders/3" }, certificateAccount());
    expect(reply.body).toEqual({ path: "/api/orders/3" });
    expect(seen.at(-1)).toMatchObject({ server: "secure", peer: "conflux-client" });
    await expect(test("clientCertificate", certificateAccount().credentials)).resolves.toBeUndefined();
  });

  it("tests connections and says in plain words why one fails", async () => {
    await expect(test("none", { baseUrl: plain })).resolves.toBeUndefined();
    await expect(test("none", { baseUrl: `${plain}/nothing-here` })).resolves.toBeUndefined();
    await expect(test("bearer", { baseUrl: `${plain}/locked`, token: "good-token" })).resolves.toBeUndefined();

    const refused = await failure(test("bearer", { baseUrl: `${plain}/locked`, token: "wrong-token" }));
    expect(refused.message).toBe("The server refused the credentials (401 Unauthorized)");
    expect(refused.message).not.toContain("wrong-token");
    const anonymous = await failure(test("none", { baseUrl: `${plain}/locked` }));
    expect(anonymous.message).toMatch(/^The server requires credentials \(401 Unauthorized\)/);
    expect((await failure(test("none", { baseUrl: `${plain}/down` }))).message).toBe(
      "The server answered with an error (503 Service Unavailable)",
    );

    const port = await closedPort();
    const unreachable = await failure(test("none", { baseUrl: `http://127.0.0.1:${port}` }));
    expect(unreachable.message).toBe(`Could not connect to 127.0.0.1:${port}: connection refused`);
  });

  it("explains TLS failures: an untrusted server and a client certificate the server does not accept", async () => {
    const untrusted = await failure(test("clientCertificate", { ...certificateAccount().credentials, ca: "" }));
    expect(untrusted.message).toMatch(/: its TLS certificate is self-signed/);
    const stranger = { certificate: strangerPems.cert, privateKey: strangerPems.private };
    const rejected = await failure(test("clientCertificate", certificateAccount(stranger).credentials));
    expect(rejected.code).toBe("NETWORK");
    // TLS 1.3 servers refuse a client certificate after the handshake, so the client may only see the reset.
    expect(rejected.message).toMatch(
      /^Could not connect to 127\.0\.0\.1:\d+: the (server did not accept the client certificate|connection was reset \(the server may have refused the client certificate\))/,
    );
  });
});
