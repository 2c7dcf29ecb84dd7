// Oracle's refusals as a business user reads them, whatever the framework version wrote: o:errorDetails (version 4),
// plain text (older versions), no body at all (ADF's 500), an HTML page; and which of them the runtime retries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, runAction } from "@/test/connectors/sterling";
import { basicAccount, startSampleOracle } from "@/test/connectors/oracle";
import { getSalesOrderAction } from "./actions/get-sales-order";
import { describeAdfError, oracleResponseError } from "./errors";
import type { OracleSimulator } from "./simulator";

let oracle: OracleSimulator;
beforeAll(async () => {
  oracle = await startSampleOracle();
});
afterAll(() => oracle.close());

const reply = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
  status,
  statusText: "",
  headers,
  body,
});

describe("describeAdfError", () => {
  it("reads each o:errorDetails entry with its path and code, once", () => {
    const body = {
      title: "Bad Request",
      status: "400",
      "o:errorDetails": [
        { detail: "The item AS1 doesn't exist.", "o:errorCode": "FOM-1", "o:errorPath": "lines[0].ProductNumber" },
        { detail: "The item AS1 doesn't exist.", "o:errorCode": "FOM-1", "o:errorPath": "lines[0].ProductNumber" },
        { detail: "Order type missing." },
      ],
    };
    expect(describeAdfError(body)).toEqual([
      "The item AS1 doesn't exist. (at lines[0].ProductNumber) [FOM-1]",
      "Order type missing.",
    ]);
  });

  it("reads plain text, and gives nothing for an HTML page or an empty body", () => {
    expect(describeAdfError("Invalid operation create for the specified resource.\n")).toEqual([
      "Invalid operation create for the specified resource.",
    ]);
    expect(describeAdfError("<!DOCTYPE html><html><body>Sign in</body></html>")).toEqual([]);
    expect(describeAdfError("")).toEqual([]);
    expect(describeAdfError({ title: "Conflict" })).toEqual(["Conflict"]);
  });
});

describe("oracleResponseError", () => {
  it("does not retry 4xx and retries 5xx and 429 with Retry-After", () => {
    expect(oracleResponseError(reply(400, "bad"), "Create sales order", "pod")?.retryable).toBe(false);
    expect(oracleResponseError(reply(412, ""), "Update sales order", "pod")?.message).toContain(
      "changed since it was read",
    );
    const busy = oracleResponseError(reply(429, "", { "retry-after": "7" }), "List", "pod");
    expect(busy).toMatchObject({ code: "RATE_LIMITED", retryable: true, details: { retryAfterMs: 7000 } });
    const empty500 = oracleResponseError(reply(500, ""), "Create sales order", "pod");
    expect(empty500?.retryable).toBe(true);
    expect(empty500?.message).toContain("with no explanation (on Fusion this often means an incomplete flexfield");
    expect(oracleResponseError(reply(503, "Down for patching"), "List", "pod")?.message).toBe(
      "Oracle (pod) List answered 503: Down for patching",
    );
  });
});

describe("against the simulator", () => {
  it("turns a plain-text 400, a 401 and an empty 500 into readable, correctly retried errors", async () => {
    const account = basicAccount(oracle.url);
    const host = new URL(oracle.url).host;
    oracle.failNext(400, "Invalid operation create for the specified resource.");
    const plain = await failure(runAction(getSalesOrderAction, { orderKey: "LEG:X" }, account));
    expect(plain.message).toBe(
      `Oracle (${host}) refused Get sales order (LEG:X): Invalid operation create for the specified resource.`,
    );
    const denied = await failure(
      runAction(getSalesOrderAction, { orderKey: "LEG:X" }, basicAccount(oracle.url, { password: "wrong" })),
    );
    expect(denied.message).toContain("did not accept the credentials");
    expect(denied.retryable).toBe(false);
    oracle.failNext(500, "");
    const broken = await failure(runAction(getSalesOrderAction, { orderKey: "LEG:X" }, account));
    expect(broken).toMatchObject({ code: "REMOTE", retryable: true });
  });

  it("finds an order with the documented PrimaryKey finder and refuses an undeclared one", async () => {
    const auth = { authorization: `Basic ${Buffer.from("scm_integration:Welcome1").toString("base64")}` };
    const base = `${oracle.url}/fscmRestApi/resources/11.13.18.05/salesOrdersForOrderHub`;
    const created = await fetch(base, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({
        SourceTransactionSystem: "LEG",
        SourceTransactionId: "F-1",
        BusinessUnitName: "Vision Operations",
        BuyingPartyName: "Ada",
        lines: [{ SourceTransactionLineId: "1", ProductNumber: "AS92888", OrderedQuantity: 1, OrderedUOM: "Each" }],
      }),
    });
    expect(created.status).toBe(201);
    const { HeaderId } = (await created.json()) as { HeaderId: number };
    const found = await fetch(`${base}?finder=PrimaryKey;HeaderId=${HeaderId}&onlyData=true`, { headers: auth });
    expect(await found.json()).toMatchObject({ count: 1, items: [{ SourceTransactionId: "F-1" }] });
    expect((await fetch(`${base}?finder=ByMagic;X=1`, { headers: auth })).status).toBe(400);
  });

  it("answers plain text under framework 1 and o:errorDetails under 4, as Fusion does", async () => {
    const url = `${oracle.url}/fscmRestApi/resources/11.13.18.05/salesOrdersForOrderHub?q=Nope=1;StatusCode=OPEN`;
    const auth = { authorization: `Basic ${Buffer.from("scm_integration:Welcome1").toString("base64")}` };
    const v1 = await fetch(url, { headers: auth });
    expect(v1.status).toBe(400);
    expect(v1.headers.get("content-type")).toBe("text/plain");
    const v4 = await fetch(url, { headers: { ...auth, "REST-Framework-Version": "4", accept: "application/json" } });
    expect(v4.headers.get("content-type")).toBe("application/vnd.oracle.adf.error+json");
    expect(await v4.json()).toMatchObject({
      status: "400",
      "o:errorDetails": [{ detail: expect.stringContaining("; separator") }],
    });
  });
});
