// Test connection against the simulator: the REST login and getOrderList, and the MQ mode's browse through the
// messaging REST API, each with the failures a user can make sense of.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleData, SAMPLE_USER } from "./simulator/fixtures";
import { startSterlingSimulator, type SterlingSimulator } from "./simulator";
import { testSterlingConnection } from "./test-connection";
import { closedPort, failure, mqAccount, restAccount, strangerPems } from "@/test/connectors/sterling";

let sterling: SterlingSimulator;

beforeAll(async () => {
  sterling = await startSterlingSimulator(sampleData());
});
afterAll(() => sterling.close());

const test = (account: { mode: string; credentials: Record<string, string> }) =>
  testSterlingConnection({ ...account, signal: new AbortController().signal });

describe("Sterling REST test connection", () => {
  it("logs in and reads one order with the token, login ID and session cookie", async () => {
    const before = sterling.requests.length;
    await expect(test(restAccount(sterling.url))).resolves.toBeUndefined();
    const [loginCall, listCall] = sterling.requests.slice(before);
    expect(loginCall?.path).toBe("/smcfs/restapi/invoke/login");
    expect(JSON.parse(loginCall?.body ?? "")).toEqual({ LoginID: SAMPLE_USER.loginId, Password: SAMPLE_USER.password });
    expect(listCall?.path).toBe("/smcfs/restapi/invoke/getOrderList");
    expect(JSON.parse(listCall?.body ?? "")).toEqual({ MaximumRecords: "1" });
    expect(listCall?.query._loginid).toBe(SAMPLE_USER.loginId);
    expect(listCall?.query._token).toMatch(/^[\w-]{20,}$/);
    expect(listCall?.headers.cookie).toMatch(/^JSESSIONID=[0-9a-f]{24}; route=node1$/);
  });

  it("accepts the endpoint URL without /smcfs/restapi or with /invoke", async () => {
    await expect(test(restAccount(sterling.url, { endpointUrl: sterling.url }))).resolves.toBeUndefined();
    const withInvoke = `${sterling.url}/smcfs/restapi/invoke/`;
    await expect(test(restAccount(sterling.url, { endpointUrl: withInvoke }))).resolves.toBeUndefined();
  });

  it("says the login was refused without echoing the password", async () => {
    const refused = await failure(test(restAccount(sterling.url, { password: "wrong-password" })));
    expect(refused.message).toBe("The Sterling server refused the login ID or password (401 Unauthorized)");
    expect(refused).toMatchObject({ code: "REMOTE", retryable: false });
    expect(JSON.stringify(refused.toJSON())).not.toContain("wrong-password");
  });

  it("names a host that is not a Sterling REST API", async () => {
    const wrong = await failure(test(restAccount(sterling.url, { endpointUrl: `${sterling.url}/oms` })));
    expect(wrong.message).toMatch(
      /^127\.0\.0\.1:\d+ has no Sterling REST API at \/oms\/smcfs\/restapi\/invoke\/login \(404\)/,
    );
  });

  it("reports an unreachable host with the SDK's network message", async () => {
    const port = await closedPort();
    const unreachable = await failure(test(restAccount(`http://127.0.0.1:${port}`)));
    expect(unreachable).toMatchObject({ code: "NETWORK", retryable: true });
    expect(unreachable.message).toBe(`Could not connect to 127.0.0.1:${port}: connection refused`);
  });

  it("refuses a certificate without its key before calling anyone", async () => {
    const before = sterling.requests.length;
    const half = await failure(test(restAccount(sterling.url, { certificate: strangerPems.cert })));
    expect(half).toMatchObject({ code: "INPUT_INVALID" });
    expect(half.message).toBe(
      "The account's Key is missing: a client certificate needs its key (give both or neither): edit the account",
    );
    expect(sterling.requests.length).toBe(before);
  });
});

describe("Sterling MQ test connection", () => {
  it("browses the queue for a message that cannot exist, through the v1 messaging REST API", async () => {
    await expect(test(mqAccount(sterling.url))).resolves.toBeUndefined();
    const browse = sterling.requests.at(-1);
    expect(browse).toMatchObject({
      method: "GET",
      path: "/ibmmq/rest/v1/messaging/qmgr/QM1/queue/SMCFS.CREATE.ORDER/message",
    });
    expect(browse?.query.messageId).toMatch(/^[0-9a-f]{48}$/);
    expect(browse?.headers.authorization).toBe(`Basic ${Buffer.from("mqapp:mq-pass").toString("base64")}`);
    expect(sterling.mq?.messages("QM1", "SMCFS.CREATE.ORDER")).toHaveLength(1);
  });

  it("works on an mqweb of MQ 9.0.4, which cannot browse: a get by a correlation id no message has", async () => {
    const old = await startSterlingSimulator({ ...sampleData(), mq: { ...sampleData().mq!, level: "9.0.4" } });
    try {
      await expect(test(mqAccount(old.url))).resolves.toBeUndefined();
      const [browse, get] = old.requests.slice(-2);
      expect(browse).toMatchObject({ method: "GET", path: expect.stringContaining("/ibmmq/rest/v1/") });
      expect(get).toMatchObject({
        method: "DELETE",
        path: "/ibmmq/rest/v1/messaging/qmgr/QM1/queue/SMCFS.CREATE.ORDER/message",
      });
      expect(get?.query.correlationId).toMatch(/^[0-9a-f]{48}$/);
      expect(get?.headers).toHaveProperty("ibm-mq-rest-csrf-token");
      expect(old.mq?.messages("QM1", "SMCFS.CREATE.ORDER")).toHaveLength(1);
      const queue = await failure(test(mqAccount(old.url, { queue: "NO.SUCH.QUEUE" })));
      expect(queue.message).toMatch(/^Queue "NO.SUCH.QUEUE" does not exist/);
    } finally {
      await old.close();
    }
  });

  it("tells wrong credentials, an unknown queue manager, an unknown queue and an unreachable server apart", async () => {
    const refused = await failure(test(mqAccount(sterling.url, { restPassword: "nope" })));
    expect(refused.message).toMatch(
      /^The IBM MQ messaging REST API at 127\.0\.0\.1:\d+ refused the MQ user or password \(401/,
    );
    const qmgr = await failure(test(mqAccount(sterling.url, { queueManager: "qm1" })));
    expect(qmgr.message).toMatch(/knows no queue manager "qm1" \(names are case-sensitive\)$/);
    const queue = await failure(test(mqAccount(sterling.url, { queue: "NO.SUCH.QUEUE" })));
    expect(queue.message).toBe(
      'Queue "NO.SUCH.QUEUE" does not exist on queue manager "QM1" (names are case-sensitive)',
    );
    const port = await closedPort();
    const unreachable = await failure(test(mqAccount(`http://127.0.0.1:${port}`)));
    expect(unreachable.message).toBe(`Could not connect to 127.0.0.1:${port}: connection refused`);
    const notMq = await failure(test(mqAccount(`${sterling.url}/somewhere-else`)));
    expect(notMq.message).toMatch(/has no IBM MQ messaging REST API \(404\): check the MQ messaging REST URL/);
  });

  it("checks the server field and that the key belongs to the certificate", async () => {
    const server = await failure(test(mqAccount(sterling.url, { server: "mq.example.com" })));
    expect(server.message).toBe(
      "The account's IBM MQ server must be <hostname>:<port>, e.g. mq.example.com:1414: edit the account",
    );
    const mismatch = await failure(test(mqAccount(sterling.url, { privateKey: strangerPems.private })));
    expect(mismatch).toMatchObject({ code: "INPUT_INVALID", message: "The key does not belong to the certificate" });
  });
});
