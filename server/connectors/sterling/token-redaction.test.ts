// Sterling's session token rides in the query string; a server that quotes the URL it was called with (in an error
// body, a Location header, an HTML error page) must not get the token into a message, an error's details (run
// history, the trigger's status) or anything logged from them.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toErrorJson } from "@/lib/errors";
import { invokeSterling } from "./client";
import { testSterlingConnection } from "./test-connection";
import { forgetSession } from "./session";
import { failure, restAccount, restClientAccount } from "@/test/connectors/sterling";
import { listenOnLoopback } from "@/test/local-server";

const TOKEN = "tok-8f2c1e9a7b6d5c4e3f2a1b0c";
let base = "";
let server: http.Server;

// Each API answers the way a real server (or the proxy in front of it) may when it quotes the request URL.
const answers: Record<string, (res: http.ServerResponse, url: string) => void> = {
  getOrderList: (res, url) => res.writeHead(500, { "content-type": "text/plain" }).end(`Internal error in ${url}`),
  getOrderDetails: (res, url) =>
    res.writeHead(400, { "content-type": "application/json" }).end(
      JSON.stringify({
        errors: [{ ErrorCode: "YFS10003", ErrorDescription: `Bad call ${url}`, ErrorRelatedMoreInfo: url }],
      }),
    ),
  changeOrder: (res, url) => res.writeHead(302, { location: `https://sso.example.com/login?next=${url}` }).end(),
  getShipmentList: (res, url) =>
    res.writeHead(200, { "content-type": "text/html" }).end(`<html>Proxy error for ${encodeURIComponent(url)}</html>`),
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? "/";
    if (url.endsWith("/invoke/login")) {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ UserToken: TOKEN }));
      return;
    }
    const api = new URL(url, "http://x").pathname.split("/").at(-1) ?? "";
    const answer = answers[api];
    if (answer) answer(res, url);
    else res.writeHead(404).end();
  });
  base = await listenOnLoopback(server);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

function expectNoToken(value: unknown) {
  const text = JSON.stringify(value);
  expect(text).not.toContain(TOKEN);
  expect(text).not.toContain(encodeURIComponent(TOKEN));
}

describe("Sterling _token redaction", () => {
  it("keeps the token out of every error's message and details, wherever the server quoted the URL", async () => {
    const account = restClientAccount(restAccount(base));
    forgetSession(account);
    for (const api of Object.keys(answers)) {
      const error = await failure(invokeSterling(account, api, {}, { signal: new AbortController().signal }));
      expectNoToken(toErrorJson(error));
      expectNoToken(error.message);
      expect(JSON.stringify(toErrorJson(error))).toMatch(/_token(=|%3D)\[redacted\]/);
    }
  });

  it("keeps it out of Test connection's message too", async () => {
    const error = await failure(testSterlingConnection({ ...restAccount(base), signal: new AbortController().signal }));
    expect(error.message).toMatch(/_token=\[redacted\]/);
    expectNoToken(toErrorJson(error));
  });
});
