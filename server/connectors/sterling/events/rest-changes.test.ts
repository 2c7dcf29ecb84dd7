// The REST event source's cursor against the simulator: a change that Sterling commits after a poll has read later
// ones (its Modifyts earlier than the cursor) still makes an item, once; re-reading the overlap window repeats
// nothing; a real later change of a row read in the window is new; older cursors keep working.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restAccount, restClientAccount } from "@/test/connectors/sterling";
import type { JsonValue } from "../../sdk";
import { invokeSterling, type SterlingDocument } from "../client";
import { startSterlingSimulator, type SterlingSimulator } from "../simulator";
import { sampleData } from "../simulator/fixtures";
import { MAX_REMEMBERED, readChangeCursor, writeChangeCursor, windowAt, markRead } from "./cursor";
import { orderQuery } from "./order-changes";
import { pollChangedRows } from "./rest-changes";

let simulator: SterlingSimulator;
let now = new Date("2026-02-01T12:00:00.000Z");
const signal = new AbortController().signal;

beforeAll(async () => {
  simulator = await startSterlingSimulator({ ...sampleData(), clock: () => now });
});
afterAll(async () => {
  await simulator?.close();
});

const account = () => restClientAccount(restAccount(simulator.url));
const call = (api: string, input: SterlingDocument) => invokeSterling(account(), api, input, { signal });
const at = (iso: string) => (now = new Date(iso));

async function createOrder(orderNo: string): Promise<string> {
  const order = await call("createOrder", {
    EnterpriseCode: "DEFAULT",
    OrderNo: orderNo,
    OrderLines: {
      OrderLine: [{ PrimeLineNo: "1", OrderedQty: "1", Item: { ItemID: "SKU-1", UnitOfMeasure: "EACH" } }],
    },
  });
  return String(order.OrderHeaderKey);
}

/** One poll as a trigger makes it; returns the order numbers read and keeps the cursor for the next. */
function poller(timestamp: "Createts" | "Modifyts", overlapSeconds?: number) {
  let cursor: JsonValue | null = null;
  const query = orderQuery({ documentType: "0001", intervalSeconds: 60, overlapSeconds: 180 }, timestamp);
  return {
    get cursor() {
      return cursor;
    },
    set cursor(value: JsonValue | null) {
      cursor = value;
    },
    async poll(): Promise<string[]> {
      const input = overlapSeconds === undefined ? {} : { overlapSeconds };
      const result = await pollChangedRows({ account: account(), cursor, since: null, signal, input }, query);
      cursor = result.nextCursor;
      return result.rows.map((row) => String(row.document.OrderNo));
    },
  };
}

describe("the REST events' overlap window", () => {
  it("reads an order committed late (Createts before the cursor) once, and repeats nothing", async () => {
    const newOrders = poller("Createts");
    at("2026-02-01T12:00:00.000Z");
    await newOrders.poll(); // "from now"
    at("2026-02-01T12:01:00.000Z");
    await createOrder("LATE-B");
    expect(await newOrders.poll()).toEqual(["LATE-B"]);
    // A transaction that began at 12:00:30 commits now: its order is stamped before LATE-B, which was read.
    at("2026-02-01T12:00:30.000Z");
    await createOrder("LATE-A");
    at("2026-02-01T12:01:10.000Z");
    expect(await newOrders.poll()).toEqual(["LATE-A"]);
    expect(await newOrders.poll()).toEqual([]);
  });

  it("fires a real later change of an order read in the window, and not the re-read one", async () => {
    const updates = poller("Modifyts");
    at("2026-02-01T13:00:00.000Z");
    const key = await createOrder("WIN-1");
    await updates.poll(); // "from now": WIN-1 as created is the newest change
    at("2026-02-01T13:00:20.000Z");
    await call("changeOrder", { OrderHeaderKey: key, CustomerEMailID: "a@example.com" });
    expect(await updates.poll()).toEqual(["WIN-1"]);
    expect(await updates.poll()).toEqual([]);
    at("2026-02-01T13:00:40.000Z");
    await call("changeOrder", { OrderHeaderKey: key, CustomerEMailID: "b@example.com" });
    expect(await updates.poll()).toEqual(["WIN-1"]);
    expect(await updates.poll()).toEqual([]);
  });

  it("misses a late commit older than the window, as configured", async () => {
    const newOrders = poller("Createts", 10);
    at("2026-02-01T14:00:00.000Z");
    await newOrders.poll();
    at("2026-02-01T14:01:00.000Z");
    await createOrder("SHORT-B");
    expect(await newOrders.poll()).toEqual(["SHORT-B"]);
    at("2026-02-01T14:00:45.000Z"); // 15 s before SHORT-B: outside a 10 s window
    await createOrder("SHORT-A");
    at("2026-02-01T14:00:55.000Z"); // 5 s before: inside
    await createOrder("SHORT-C");
    expect(await newOrders.poll()).toEqual(["SHORT-C"]);
  });

  it("reads a cursor saved before the window existed as a window starting at its timestamp", async () => {
    const newOrders = poller("Createts");
    at("2026-02-01T15:00:00.000Z");
    const seen = await createOrder("OLD-1");
    newOrders.cursor = { ts: "2026-02-01T15:00:00+00:00", seen: [seen] };
    at("2026-02-01T15:00:00.000Z");
    await createOrder("OLD-2");
    expect(await newOrders.poll()).toEqual(["OLD-2"]);
    expect(newOrders.cursor).toMatchObject({ ts: "2026-02-01T15:00:00+00:00", from: "2026-02-01T15:00:00+00:00" });
  });
});

describe("the window's size", () => {
  it("forgets the oldest seconds past MAX_REMEMBERED identities, and starts the window after them", () => {
    const window = windowAt("2026-02-01T10:00:00+00:00");
    for (let second = 0; second < 3; second += 1) {
      const ts = `2026-02-01T10:00:0${second}+00:00`;
      for (let index = 0; index < MAX_REMEMBERED / 2; index += 1) markRead(window, ts, `${second}-${index}`);
    }
    const saved = writeChangeCursor(window, 180);
    const read = readChangeCursor(saved);
    expect(read?.from).toBe("2026-02-01T10:00:01+00:00");
    expect([...(read?.read.values() ?? [])].map((group) => group.ids.size)).toEqual([500, 500]);
    expect(read?.ts).toBe("2026-02-01T10:00:02+00:00");
  });

  it("moves the window to the overlap before the newest row read, forgetting what lies before it", () => {
    const window = windowAt("2026-02-01T10:00:00+00:00", ["a"]);
    markRead(window, "2026-02-01T10:05:00+00:00", "b");
    expect(writeChangeCursor(window, 60)).toEqual({
      ts: "2026-02-01T10:05:00+00:00",
      from: "2026-02-01T10:04:00+00:00",
      read: { "2026-02-01T10:05:00+00:00": ["b"] },
    });
  });
});
