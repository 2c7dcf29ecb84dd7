// Check availability against the simulated Inventory servlet: ATP per product, the account-wide cache of a few
// seconds, and the fallback answer when IOM cannot be reached.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { failure, runAction } from "@/test/connectors/sterling";
import { basicAccount, bearerAccount, startSampleIom } from "@/test/connectors/iom";
import { clearAvailabilityCache } from "../availability-cache";
import type { IomSimulator } from "../simulator";
import { checkAvailabilityAction } from "./check-availability";

let iom: IomSimulator;
beforeAll(async () => {
  iom = await startSampleIom();
});
afterAll(() => iom.close());
beforeEach(() => {
  clearAvailabilityCache();
  iom.setDown(false);
});

const atpCalls = () => iom.requests.filter((request) => request.url.startsWith("/servlets/services/atp/")).length;
const check = (input: Record<string, unknown>, overrides: Record<string, string> = {}) =>
  runAction(checkAvailabilityAction, input, basicAccount(iom.url, overrides));

describe("Check availability", () => {
  it("asks the ATP servlet for all products in one call and reports unknown ones", async () => {
    const result = await check({ productIds: "1000001, 1000003\nNOPE", fallbackQuantity: 0 });
    expect(iom.requests.at(-1)?.url).toBe("/servlets/services/atp/10000/1000001,1000003,NOPE");
    expect(result).toEqual({
      products: [
        {
          id: "1000001",
          atp: 20,
          stock: 25,
          state: "available",
          available: true,
          location: "Main warehouse",
          source: "iom",
        },
        { id: "1000003", atp: 0, stock: 0, state: "sold out", available: false, location: "Warehouse", source: "iom" },
      ],
      unknownProducts: ["NOPE"],
      fallback: false,
      fallbackReason: null,
    });
  });

  it("answers from the cache within the account's seconds, for every flow on the account", async () => {
    await check({ productIds: ["1000001"] });
    const calls = atpCalls();
    const again = await check({ productIds: ["1000001"] });
    expect(again.products[0]?.source).toBe("cache");
    expect(atpCalls()).toBe(calls);
    const mixed = await check({ productIds: ["1000001", "1000002"] });
    expect(mixed.products.map((product) => product.source)).toEqual(["cache", "iom"]);
    expect(iom.requests.at(-1)?.url).toBe("/servlets/services/atp/10000/1000002");
    const uncached = await check({ productIds: ["1000001"] }, { cacheSeconds: "0" });
    expect(uncached.products[0]?.source).toBe("iom");
  });

  it("falls back to the last answer, then the fallback quantity, when IOM cannot be reached", async () => {
    await check({ productIds: ["1000002"] }, { cacheSeconds: "0" });
    iom.setDown(true);
    const result = await check({ productIds: ["1000002", "1000001"], fallbackQuantity: 3 }, { cacheSeconds: "0" });
    expect(result.fallback).toBe(true);
    expect(result.fallbackReason).toMatch(/127\.0\.0\.1/);
    expect(result.products).toEqual([
      {
        id: "1000002",
        atp: 4,
        stock: 4,
        state: "available",
        available: true,
        location: "Warehouse",
        source: "lastKnown",
      },
      { id: "1000001", atp: 3, stock: null, state: "available", available: true, location: null, source: "fallback" },
    ]);
    const strict = await failure(check({ productIds: ["1000001"], onFailure: "fail" }, { cacheSeconds: "0" }));
    expect(strict.code).toBe("NETWORK");
  });

  it("fails on refusals rather than falling back, and needs a Basic account", async () => {
    const wrong = await failure(check({ productIds: ["1000001"] }, { password: "nope" }));
    expect(wrong.message).toMatch(/did not accept the credentials/);
    const bearer = await failure(
      runAction(checkAvailabilityAction, { productIds: ["1000001"] }, bearerAccount(iom.url)),
    );
    expect(bearer.message).toMatch(/cannot use an account connected with "Bearer token"/);
  });
});
