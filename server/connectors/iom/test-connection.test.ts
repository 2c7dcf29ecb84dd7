// Test connection against the simulated IOM: both modes, and each way of naming the shop proved on its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure } from "@/test/connectors/sterling";
import { basicAccount, bearerAccount, startSampleIom } from "@/test/connectors/iom";
import { closedPort } from "@/test/local-server";
import type { IomSimulator } from "./simulator";
import { testIomConnection } from "./test-connection";

let iom: IomSimulator;
beforeAll(async () => {
  iom = await startSampleIom();
});
afterAll(() => iom.close());

const test = (account: { mode: string; credentials: Record<string, string> }) =>
  testIomConnection({ ...account, signal: new AbortController().signal });

describe("IOM Test connection", () => {
  it("passes with Basic and with a bearer token, proving shop id and shop name", async () => {
    await expect(test(basicAccount(iom.url))).resolves.toBeUndefined();
    await expect(test(bearerAccount(`${iom.url}/rest/order-service/`))).resolves.toBeUndefined();
    const paths = iom.requests.slice(-2).map((request) => request.url);
    expect(paths).toEqual([
      "/rest/order-service/shops/10000/order-states?limit=1",
      "/rest/rma/shops/inTRONICS/return-reasons",
    ]);
  });

  it("says which of the shop's names is wrong", async () => {
    const id = await failure(test(basicAccount(iom.url, { shopId: "99" })));
    expect(id.message).toMatch(/refused shop ID 99: no such shop, or the user may not read its order states/);
    const name = await failure(test(basicAccount(iom.url, { shopName: "Nowhere" })));
    expect(name.message).toMatch(/knows shop ID 10000 but no shop named "Nowhere"/);
  });

  it("reports wrong credentials, a shop id that is not a number and an unreachable server", async () => {
    const wrong = await failure(test(basicAccount(iom.url, { password: "nope" })));
    expect(wrong.message).toMatch(/did not accept the credentials/);
    const token = await failure(test(bearerAccount(iom.url, { token: "other" })));
    expect(token.message).toMatch(/did not accept the credentials/);
    const notNumber = await failure(test(basicAccount(iom.url, { shopId: "inTRONICS" })));
    expect(notNumber.message).toMatch(/Shop ID must be the shop's numeric id/);
    const down = await failure(test(basicAccount(`http://127.0.0.1:${await closedPort()}`)));
    expect(down).toMatchObject({ code: "NETWORK" });
  });
});
