import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfluxError, RemoteError } from "@/lib/errors";
import type { ActionContext } from "../../sdk";
import { requestAction } from "./request";
import { listenOnLoopback, closedPort } from "@/test/local-server";

let server: http.Server;
let base: string;
const seen: Array<{ method?: string; url?: string; headers: http.IncomingHttpHeaders; body: string }> = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      seen.push({ method: req.method, url: req.url, headers: req.headers, body });
      if (req.url === "/orders/A-1") {
        res.writeHead(200, { "content-type": "application/json; charset=utf-8", "x-trace": "t1" });
        res.end(JSON.stringify({ orderNo: "A-1", status: "shipped", echo: body ? JSON.parse(body) : null }));
      } else if (req.url === "/text") {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("plain reply");
      } else if (req.url === "/busy") {
        res.writeHead(503, { "content-type": "text/plain" });
        res.end("try later");
      } else if (req.url === "/slow") {
        setTimeout(() => res.end("late"), 2_000).unref();
      } else {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: "Order not found", code: "ORD404" }));
      }
    });
  });
  base = await listenOnLoopback(server);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function ctx(signal = new AbortController().signal): ActionContext {
  const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
  return { idempotencyKey: "run-1:step-1", signal, log, runId: "run-1", stepId: "step-1" };
}

async function call(input: Record<string, unknown>, signal?: AbortSignal) {
  return requestAction.run({ input: requestAction.input.parse(input), ctx: ctx(signal) });
}

async function failure(promise: Promise<unknown>): Promise<ConfluxError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ConfluxError)) throw new Error(`expected a ConfluxError, got ${String(error)}`);
  return error;
}

describe("http.request", () => {
  it("returns status, headers and parsed JSON, sending JSON bodies and the idempotency key", async () => {
    const result = await call({ method: "POST", url: `${base}/orders/A-1`, body: '{"qty":2}' });
    expect(result).toMatchObject({
      status: 200,
      statusText: "OK",
      body: { orderNo: "A-1", status: "shipped", echo: { qty: 2 } },
    });
    expect(result.headers["x-trace"]).toBe("t1");
    const request = seen.at(-1);
    expect(request?.headers["idempotency-key"]).toBe("run-1:step-1");
    expect(request?.headers["content-type"]).toBe("application/json");
  });

  it("sends no body (and no Content-Type) for a GET whose body is in Fields mode with no fields", async () => {
    const result = await call({ method: "GET", url: `${base}/orders/A-1`, body: {} });
    expect(result.status).toBe(200);
    const request = seen.at(-1);
    expect(request?.body).toBe("");
    expect(request?.headers["content-type"]).toBeUndefined();
    expect(request?.headers["content-length"]).toBeUndefined();
  });

  it("keeps a user's own Idempotency-Key and returns text bodies as text", async () => {
    const result = await call({ url: `${base}/text`, headers: { "idempotency-key": "mine" } });
    expect(result.body).toBe("plain reply");
    expect(seen.at(-1)?.headers["idempotency-key"]).toBe("mine");
  });

  it("fails a 404 at once, with the remote error in the message and the reply in the details", async () => {
    const error = await failure(call({ url: `${base}/orders/nope` }));
    expect(error).toBeInstanceOf(RemoteError);
    expect(error.code).toBe("REMOTE");
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      `${new URL(base).host} answered 404 Not Found: {"error":"Order not found","code":"ORD404"}`,
    );
    expect(error.toJSON().details).toMatchObject({ response: { status: 404, body: { code: "ORD404" } } });
  });

  it("marks 5xx as retryable", async () => {
    const error = await failure(call({ url: `${base}/busy` }));
    expect(error).toMatchObject({ code: "REMOTE", retryable: true });
    expect(error.message).toContain("503 Service Unavailable: try later");
  });

  it("reports a refused connection as a retryable NETWORK error naming the host", async () => {
    const port = await closedPort();
    const error = await failure(call({ url: `http://127.0.0.1:${port}/x` }));
    expect(error).toMatchObject({ code: "NETWORK", retryable: true });
    expect(error.message).toBe(`Could not connect to 127.0.0.1:${port}: connection refused`);
  });

  it("reports an unknown host as a NETWORK error", async () => {
    const error = await failure(call({ url: "http://no-such-host.invalid/x" }));
    expect(error.code).toBe("NETWORK");
    expect(error.message).toMatch(/^Could not connect to no-such-host\.invalid:80: /);
  });

  it("times out with a TIMEOUT error and is cancelled by the run's signal", async () => {
    const timeout = await failure(call({ url: `${base}/slow`, timeoutMs: 200 }));
    expect(timeout).toMatchObject({ code: "TIMEOUT", retryable: true });
    expect(timeout.message).toBe(`${new URL(base).host} did not answer within 200 ms`);

    const controller = new AbortController();
    const pending = failure(call({ url: `${base}/slow` }, controller.signal));
    controller.abort();
    expect((await pending).code).toBe("CANCELLED");
  });

  it("refuses a body on GET and URLs that are not http(s)", async () => {
    expect(requestAction.input.safeParse({ url: `${base}/x`, body: "x" }).success).toBe(false);
    expect(requestAction.input.safeParse({ url: `${base}/x`, body: { a: 1 } }).success).toBe(false);
    expect((await failure(call({ url: "ftp://example.com/x" }))).code).toBe("INPUT_INVALID");
  });
});
