// The Sterling client: one login reused across steps, a fresh login when Sterling forgets the token, no redirect
// followed with credentials, and Sterling's error bodies read into messages.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restBaseUrl } from "./account";
import { invokeSterling } from "./client";
import { cookieHeader, forgetSession } from "./session";
import { sampleData } from "./simulator/fixtures";
import { startSterlingSimulator, type SterlingSimulator } from "./simulator";
import { describeSterlingErrors, readSterlingErrors, sterlingResponseError } from "./sterling-errors";
import { failure, restAccount, restClientAccount } from "@/test/connectors/sterling";
import { listenOnLoopback } from "@/test/local-server";

let sterling: SterlingSimulator;
const signal = new AbortController().signal;

beforeAll(async () => {
  sterling = await startSterlingSimulator(sampleData());
});
afterAll(() => sterling.close());

const logins = () => sterling.requests.filter((request) => request.path.endsWith("/invoke/login")).length;

describe("Sterling client", () => {
  it("logs in once and reuses the session for later calls", async () => {
    const account = restClientAccount(restAccount(sterling.url));
    const before = logins();
    const first = await invokeSterling(
      account,
      "getOrderList",
      { OrderNo: "Y100001", EnterpriseCode: "DEFAULT" },
      { signal },
    );
    const second = await invokeSterling(
      account,
      "getOrderList",
      { OrderNo: "Y100002", EnterpriseCode: "DEFAULT" },
      { signal },
    );
    expect(first).toMatchObject({ TotalOrderList: "1", Order: [{ OrderNo: "Y100001" }] });
    expect(second).toMatchObject({ Order: [{ OrderNo: "Y100002", Status: "Shipped" }] });
    expect(logins() - before).toBe(1);
  });

  it("logs in again once when Sterling no longer knows the reused token", async () => {
    const account = restClientAccount(restAccount(sterling.url));
    await invokeSterling(account, "getOrderList", { MaximumRecords: "1" }, { signal });
    sterling.expireSessions();
    const before = sterling.requests.length;
    const reply = await invokeSterling(
      account,
      "getOrderList",
      { OrderNo: "Y100001", EnterpriseCode: "DEFAULT" },
      { signal },
    );
    expect(reply).toMatchObject({ Order: [{ OrderNo: "Y100001" }] });
    expect(sterling.requests.slice(before).map((request) => request.path.split("/").at(-1))).toEqual([
      "getOrderList",
      "login",
      "getOrderList",
    ]);
  });

  it("does not reuse a session after the account's password changed", async () => {
    const account = restClientAccount(restAccount(sterling.url));
    await invokeSterling(account, "getOrderList", {}, { signal });
    const edited = { ...account, password: "wrong" };
    const refused = await failure(invokeSterling(edited, "getOrderList", {}, { signal }));
    expect(refused.message).toBe("The Sterling server refused the login ID or password (401 Unauthorized)");
  });

  it("puts Sterling's ErrorDescription and ErrorCode in the message, without retrying a 4xx", async () => {
    const account = restClientAccount(restAccount(sterling.url));
    const unknown = await failure(invokeSterling(account, "getOrderDetails", { OrderHeaderKey: "nope" }, { signal }));
    expect(unknown.message).toMatch(
      /^Sterling OMS \(127\.0\.0\.1:\d+\) answered 400 Bad Request: Order Not Found \[YFS10003\]$/,
    );
    expect(unknown).toMatchObject({ code: "REMOTE", retryable: false });
    const api = await failure(invokeSterling(account, "deleteEverything", {}, { signal }));
    expect(api.message).toMatch(
      /answered 404 Not Found: API deleteEverything is not exposed through REST \[YFC0004\]$/,
    );
  });

  it("never follows a redirect, so the password in the login body stays with the configured server", async () => {
    const reached: string[] = [];
    const elsewhere = http.createServer((req, res) => {
      reached.push(req.url ?? "");
      res.end("{}");
    });
    const target = new URL(await listenOnLoopback(elsewhere)).port;
    const redirecting = http.createServer((_req, res) => {
      res.writeHead(307, { location: `http://127.0.0.1:${target}/smcfs/restapi/invoke/login` }).end();
    });
    const port = new URL(await listenOnLoopback(redirecting)).port;
    try {
      const account = restClientAccount(restAccount(`http://127.0.0.1:${port}`));
      const error = await failure(invokeSterling(account, "getOrderList", {}, { signal }));
      expect(error.message).toBe(
        `Sterling OMS (127.0.0.1:${port}) redirected the call to http://127.0.0.1:${target}/smcfs/restapi/invoke/login: ` +
          "set the account's Endpoint URL to the REST API's own address",
      );
      expect(reached).toEqual([]);
    } finally {
      redirecting.closeAllConnections();
      elsewhere.closeAllConnections();
      await Promise.all([new Promise((r) => redirecting.close(r)), new Promise((r) => elsewhere.close(r))]);
    }
  });
});

describe("Sterling replies", () => {
  const reply = (status: number, body: unknown) => ({ status, statusText: "", headers: {}, body });

  it("reads both JSON error forms and errors inside a 200", () => {
    const listed = readSterlingErrors({
      errors: [{ ErrorCode: "YFS1", ErrorDescription: "First" }, { ErrorCode: "X" }],
    });
    expect(describeSterlingErrors(listed)).toBe("First [YFS1]; Unspecified error [X]");
    const nested = readSterlingErrors({
      Errors: { Error: { ErrorCode: "YCP0428", ErrorDescription: "API Security Violation" } },
    });
    expect(describeSterlingErrors(nested)).toBe("API Security Violation [YCP0428]");
    const inSuccess = sterlingResponseError(reply(200, { errors: [{ ErrorDescription: "Hidden" }] }), "oms");
    expect(inSuccess?.message).toBe("Sterling OMS (oms) refused the call: Hidden");
    expect(sterlingResponseError(reply(200, { Order: [] }), "oms")).toBeUndefined();
    const busy = sterlingResponseError(reply(503, "down for maintenance"), "oms");
    expect(busy).toMatchObject({ retryable: true, message: "Sterling OMS (oms) answered 503: down for maintenance" });
    // Asking again gets the same answer: not retried.
    expect(sterlingResponseError(reply(501, "Not Implemented"), "oms")).toMatchObject({
      retryable: false,
      status: 501,
    });
    const coded = sterlingResponseError(reply(501, { errors: [{ ErrorCode: "X1", ErrorDescription: "No" }] }), "oms");
    expect(coded).toMatchObject({ retryable: false });
  });

  it("lets steps that start together on a cold account share one login", async () => {
    const account = restClientAccount(restAccount(sterling.url));
    forgetSession(account);
    const before = logins();
    const replies = await Promise.all(
      ["Y100001", "Y100002", "Y100001"].map((orderNo) =>
        invokeSterling(account, "getOrderList", { OrderNo: orderNo, EnterpriseCode: "DEFAULT" }, { signal }),
      ),
    );
    expect(replies.map((reply) => reply.TotalOrderList)).toEqual(["1", "1", "1"]);
    expect(logins() - before).toBe(1);
  });

  it("turns Set-Cookie headers into one Cookie header and normalizes endpoint URLs", () => {
    expect(cookieHeader("JSESSIONID=a1; Path=/; HttpOnly, route=n2; Expires=Wed, 21 Oct 2099 07:28:00 GMT")).toBe(
      "JSESSIONID=a1; route=n2",
    );
    expect(cookieHeader(undefined)).toBe("");
    expect(restBaseUrl("https://oms.example.com/smcfs/restapi/")).toBe("https://oms.example.com/smcfs/restapi");
    expect(restBaseUrl("https://oms.example.com/smcfs")).toBe("https://oms.example.com/smcfs/restapi");
    expect(restBaseUrl("https://oms.example.com")).toBe("https://oms.example.com/smcfs/restapi");
    expect(restBaseUrl("https://oms.example.com/smcfs/restapi/invoke")).toBe("https://oms.example.com/smcfs/restapi");
  });
});
