// "New or updated sales orders" on a real Postgres, polled by the runtime's poller against the simulated Order
// Management: nothing that existed at Start runs; each new order and each change runs once; orders sharing one
// LastUpdateDate across several pages all run; an order committed late with an earlier timestamp (inside the
// overlap window) is still found; a poll repeated from an old cursor (a worker that died before saving it) and a
// fresh runtime (a restart) repeat nothing; the business unit and status filters reach Oracle as q.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { linearGraph, pollAllNow, seedRunningFlow } from "@/test/runtime/helpers";
import { basicAccount, sampleOrder, startSampleOracle } from "@/test/connectors/oracle";
import { runAction } from "@/test/connectors/sterling";
import { ensureDefaultWorkspace } from "@/server/db/workspaces.repository";
import { getRunQueue, type RunQueue } from "@/server/runtime";
import * as accounts from "@/server/services/accounts.service";
import { createSalesOrderAction } from "../actions/create-sales-order";
import { updateSalesOrderAction } from "../actions/update-sales-order";
import type { OracleSimulator } from "../simulator";

let t: TestDatabase;
let queue: RunQueue;
let oracle: OracleSimulator;
const keys = testKeyRing();
let now = Date.parse("2026-03-01T10:00:00.000Z");
const flows = { all: "", vision: "" };

const create = (id: string, overrides: Record<string, unknown> = {}) =>
  runAction(createSalesOrderAction, sampleOrder(id, overrides), basicAccount(oracle.url));

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  queue = await getRunQueue();
  oracle = await startSampleOracle(() => new Date(now));
  await create("OLD-1");
  const workspaceId = await ensureDefaultWorkspace(t.db);
  const { mode, credentials } = basicAccount(oracle.url);
  const account = await accounts.createAccount(
    { db: t.db, keys, workspaceId },
    { connectorId: "oracle", name: "Oracle simulator", mode, values: credentials, test: false },
  );
  const flowFor = async (inputs: Record<string, unknown>) => {
    const graph = linearGraph(
      { id: "event", connectorId: "oracle", operation: "salesOrdersChanged", accountId: account.id, inputs },
      { id: "note", connectorId: "core", operation: "log", inputs: { message: "{{ trigger.OrderKey }}" } },
    );
    return (await seedRunningFlow(t.db, graph, { workspaceId })).flowId;
  };
  flows.all = await flowFor({});
  flows.vision = await flowFor({ businessUnitName: "Vision Operations", statusCodes: "OPEN" });
  now += 1000;
  await pollAll();
  expect(await t.db.run.count()).toBe(0);
});
afterAll(async () => {
  await queue?.stop();
  await oracle?.close();
  await t?.drop();
});

const pollAll = () => pollAllNow(t.db, queue, keys);

async function runsOf(flow: keyof typeof flows) {
  const runs = await t.db.run.findMany({ where: { flowId: flows[flow] }, orderBy: { createdAt: "asc" } });
  return runs.map((run) => run.triggerData as Record<string, unknown>);
}

describe("New or updated sales orders", () => {
  it("runs once for each new order and each change, with IsNew, and never for the same version twice", async () => {
    now += 5000;
    await create("N-1");
    await create("N-2", { submit: true });
    await pollAll();
    await pollAll();
    const sorted = (await runsOf("all")).sort((a, b) => String(a.OrderKey).localeCompare(String(b.OrderKey)));
    expect(sorted.map((run) => [run.OrderKey, run.IsNew])).toEqual([
      ["LEG:N-1", true],
      ["LEG:N-2", true],
    ]);
    now += 5000;
    await runAction(
      updateSalesOrderAction,
      { orderKey: "LEG:N-1", customerPONumber: "PO-7" },
      basicAccount(oracle.url),
    );
    await pollAll();
    const runs = await runsOf("all");
    expect(runs).toHaveLength(3);
    expect(runs.at(-1)).toMatchObject({ OrderKey: "LEG:N-1", IsNew: false, CustomerPONumber: "PO-7" });
  });

  it("filters by business unit and status in the q it sends Oracle", async () => {
    expect((await runsOf("vision")).map((run) => run.OrderKey)).toEqual(["LEG:N-2"]);
    const queries = oracle.requests
      .map((request) => new URL(request.url, "http://x").searchParams.get("q") ?? "")
      .filter((q) => q.includes("BusinessUnitName"));
    expect(queries.at(-1)).toContain("(BusinessUnitName='Vision Operations') and (StatusCode='OPEN')");
  });

  it("reads every order of a burst sharing one LastUpdateDate, over several keyset pages", async () => {
    now += 5000;
    for (let index = 0; index < 230; index += 1) await create(`B-${index}`);
    const before = oracle.requests.length;
    await pollAll();
    const burst = (await runsOf("all")).filter((run) => String(run.OrderKey).startsWith("LEG:B-"));
    expect(burst).toHaveLength(230);
    expect(new Set(burst.map((run) => run.OrderKey)).size).toBe(230);
    const pages = oracle.requests.slice(before).filter((request) => request.url.includes("LastUpdateDate%3Aasc"));
    // Three pages (100, 100, 30) for the flow that takes every order, one for the filtered one.
    expect(pages).toHaveLength(4);
  });

  it("finds an order committed late with an earlier LastUpdateDate inside the overlap window", async () => {
    now += 60_000;
    await create("LATE-ANCHOR");
    await pollAll();
    now -= 30_000; // a transaction that began before the last poll commits after it
    await create("LATE-1");
    now += 31_000;
    await pollAll();
    const keys = (await runsOf("all")).map((run) => run.OrderKey);
    expect(keys.filter((key) => key === "LEG:LATE-1")).toHaveLength(1);
    expect(keys.filter((key) => key === "LEG:LATE-ANCHOR")).toHaveLength(1);
  });

  it("repeats nothing when a poll runs again from the old cursor, or after a restart of the runtime", async () => {
    const saved = await t.db.triggerState.findMany({ select: { flowId: true, cursor: true } });
    now += 5000;
    await create("R-1");
    await pollAll();
    const count = await t.db.run.count();
    for (const state of saved) {
      await t.db.triggerState.update({ where: { flowId: state.flowId }, data: { cursor: state.cursor ?? {} } });
    }
    await pollAll();
    expect(await t.db.run.count()).toBe(count);
    await queue.stop();
    queue = await getRunQueue();
    await pollAll();
    expect(await t.db.run.count()).toBe(count);
    expect((await runsOf("all")).filter((run) => run.OrderKey === "LEG:R-1")).toHaveLength(1);
  });
});
