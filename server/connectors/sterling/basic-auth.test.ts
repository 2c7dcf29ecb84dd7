// Sterling servers set to servlet.authstyle=BASIC: a STANDARD account is told what the server is, and a
// "REST API (Basic)" account calls them with Authorization: Basic on every call and no login.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getOrderListAction } from "./actions/get-order-list";
import { REST_BASIC_MODE } from "./auth";
import { sampleData, SAMPLE_USER } from "./simulator/fixtures";
import { startSterlingSimulator, type SterlingSimulator } from "./simulator";
import { testSterlingConnection } from "./test-connection";
import { failure, restAccount, runAction } from "@/test/connectors/sterling";

let sterling: SterlingSimulator;

beforeAll(async () => {
  sterling = await startSterlingSimulator({ ...sampleData(), authStyle: "BASIC" });
});
afterAll(() => sterling.close());

const basic = (overrides: Record<string, string> = {}) => ({
  ...restAccount(sterling.url, overrides),
  mode: REST_BASIC_MODE,
});
const signal = new AbortController().signal;

describe("Sterling with BASIC authentication", () => {
  it("reports a Basic-only server to a STANDARD account", async () => {
    const standard = restAccount(sterling.url);
    const refused = await failure(testSterlingConnection({ ...standard, signal }));
    expect(refused).toMatchObject({ retryable: false });
    expect(refused.message).toMatch(/uses BASIC authentication \(servlet\.authstyle=BASIC\).*"REST API \(Basic\)"/);
  });

  it("tests and runs actions with Authorization: Basic on every call and never logs in", async () => {
    const before = sterling.requests.length;
    await expect(testSterlingConnection({ ...basic(), signal })).resolves.toBeUndefined();
    const orders = await runAction(getOrderListAction, { orderNo: "Y100001" }, basic());
    expect(orders).toMatchObject({ count: 1, orders: [{ OrderNo: "Y100001" }] });
    const calls = sterling.requests.slice(before);
    expect(calls.map((call) => call.path.split("/").at(-1))).toEqual(["getOrderList", "getPage"]);
    const expected = `Basic ${Buffer.from(`${SAMPLE_USER.loginId}:${SAMPLE_USER.password}`).toString("base64")}`;
    for (const call of calls) {
      expect(call.headers.authorization).toBe(expected);
      expect(call.query._token).toBeUndefined();
    }
  });

  it("says a wrong password was refused, and does not retry it", async () => {
    const wrong = await failure(runAction(getOrderListAction, {}, basic({ password: "nope" })));
    expect(wrong).toMatchObject({ retryable: false });
    expect(wrong.message).toMatch(/refused the login ID or password/);
    expect(wrong.message).not.toContain("nope");
  });
});
