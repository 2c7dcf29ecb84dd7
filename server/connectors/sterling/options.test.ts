// The lists the designer loads from Sterling (enterprises, ship nodes) against the simulator, run as the server runs
// them: through the SDK's runOptionsLoader, with its deadline and checks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { runOptionsLoader, type ActionAccount } from "../sdk";
import { sampleData } from "./simulator/fixtures";
import { startSterlingSimulator, type SterlingSimulator } from "./simulator";
import { failure, mqAccount, restAccount } from "@/test/connectors/sterling";
import { sterlingOptionsLoaders } from "./options";
import { getOrderListAction } from "./actions/get-order-list";
import { getShipmentListAction } from "./actions/get-shipment-list";

let sterling: SterlingSimulator;

beforeAll(async () => {
  sterling = await startSterlingSimulator(sampleData());
});
afterAll(() => sterling.close());

function load(
  key: "enterprises" | "shipNodes" | "orderStatuses" | "shipmentStatuses",
  account: Omit<ActionAccount, "id"> = restAccount(sterling.url),
) {
  const loader = sterlingOptionsLoaders[key];
  if (!loader) throw new Error(`no loader ${key}`);
  return runOptionsLoader(loader, { account: { id: "acc-1", ...account }, values: {}, systemName: "IBM Sterling OMS" });
}

describe("Sterling options loaders", () => {
  it("lists the enterprises by code with their names, asking getOrganizationList for enterprises only", async () => {
    expect(await load("enterprises")).toEqual([
      { value: "DEFAULT", label: "Default Enterprise" },
      { value: "OTHER", label: "Other Brands Inc." },
    ]);
    const request = sterling.requests.filter((entry) => entry.path.endsWith("/invoke/getOrganizationList")).at(-1);
    expect(JSON.parse(request?.body ?? "null")).toEqual({ IsEnterprise: "Y", MaximumRecords: "500" });
  });

  it("lists the ship nodes", async () => {
    expect((await load("shipNodes")).map((option) => option.value)).toEqual(["DC-EAST", "STORE-12"]);
  });

  it("says plainly when the login is refused", async () => {
    const refused = await failure(load("enterprises", restAccount(sterling.url, { password: "wrong" })));
    expect(refused.message).toBe("The Sterling server refused the login ID or password (401 Unauthorized)");
  });

  it("passes on Sterling's own refusal when the API fails", async () => {
    sterling.failApi("getOrganizationList");
    try {
      const busy = await failure(load("enterprises"));
      expect(busy.code).toBe("REMOTE");
      expect(busy.message).toContain("the database connection pool is exhausted");
    } finally {
      sterling.restoreApi("getOrganizationList");
    }
  });

  it("offers the default pipeline's order statuses to Retrieve orders' status filter, for any account", async () => {
    const calls = sterling.requests.length;
    const statuses = await load("orderStatuses", mqAccount(sterling.url));
    expect(statuses.map((option) => option.value)).toEqual(
      expect.arrayContaining(["1100", "1300", "1500", "3200", "3350", "3700", "9000"]),
    );
    expect(statuses.find((option) => option.value === "3350")?.label).toBe("3350 Included In Shipment");
    expect(sterling.requests.length).toBe(calls);
    const statusField = z.toJSONSchema(getOrderListAction.input, { io: "input" }).properties?.status;
    expect(JSON.stringify(statusField)).toContain('"orderStatuses"');
  });

  it("offers the default shipment pipeline's statuses to Retrieve shipments' status filter, typed codes kept", async () => {
    const calls = sterling.requests.length;
    const statuses = await load("shipmentStatuses", mqAccount(sterling.url));
    expect(statuses.map((option) => option.value)).toEqual(expect.arrayContaining(["1100", "1400", "9000"]));
    expect(statuses.find((option) => option.value === "1400")?.label).toBe("1400 Shipment Shipped");
    expect(sterling.requests.length).toBe(calls);
    const statusField = z.toJSONSchema(getShipmentListAction.input, { io: "input" }).properties?.status;
    expect(JSON.stringify(statusField)).toContain('"shipmentStatuses"');
    expect(getShipmentListAction.input.parse({ status: "1100.70.06.30.5" })).toMatchObject({
      status: "1100.70.06.30.5",
    });
  });

  it("refuses an MQ account, which cannot ask Sterling for a list", async () => {
    const mq = await failure(load("enterprises", mqAccount(sterling.url)));
    expect(mq.code).toBe("INPUT_INVALID");
    expect(mq.message).toContain('cannot be loaded with an account connected with "IBM MQ"');
  });
});
