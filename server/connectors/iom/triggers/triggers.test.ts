// The IOM triggers on a real Postgres, polled by the runtime's poller against the simulated IOM: a status change
// of an order or a position runs once, also when a poll is repeated after a worker died before saving its cursor
// (a restart) and when a status returns to an earlier value; a return request runs when new and on each change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { linearGraph, pollAllNow, seedRunningFlow } from "@/test/runtime/helpers";
import { basicAccount, sampleExport, startSampleIom } from "@/test/connectors/iom";
import { runAction } from "@/test/connectors/sterling";
import { ensureDefaultWorkspace } from "@/server/db/workspaces.repository";
import { getRunQueue, type RunQueue } from "@/server/runtime";
import * as accounts from "@/server/services/accounts.service";
import { createReturnRequestAction } from "../actions/create-return-request";
import { exportOrderAction } from "../actions/export-order";
import type { IomSimulator } from "../simulator";

let t: TestDatabase;
let queue: RunQueue;
let iom: IomSimulator;
const keys = testKeyRing();
const flows = { orderStateChanged: "", returnRequestChanged: "" };

const exportOrder = (number: string) =>
  runAction(exportOrderAction, sampleExport(number, { orderDate: new Date().toISOString() }), basicAccount(iom.url));

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  queue = await getRunQueue();
  iom = await startSampleIom();
  await exportOrder("OLD-1");
  const workspaceId = await ensureDefaultWorkspace(t.db);
  const { mode, credentials } = basicAccount(iom.url);
  const account = await accounts.createAccount(
    { db: t.db, keys, workspaceId },
    { connectorId: "iom", name: "IOM simulator", mode, values: credentials, test: false },
  );
  for (const operation of ["orderStateChanged", "returnRequestChanged"] as const) {
    const graph = linearGraph(
      { id: "event", connectorId: "iom", operation, accountId: account.id, inputs: {} },
      { id: "note", connectorId: "core", operation: "log", inputs: { message: "{{ trigger }}" } },
    );
    flows[operation] = (await seedRunningFlow(t.db, graph, { workspaceId })).flowId;
  }
  // Started "from now": the first poll marks what exists, and the order exported before makes no run.
  await pollAll();
  expect(await t.db.run.count()).toBe(0);
});
afterAll(async () => {
  await queue?.stop();
  await iom?.close();
  await t?.drop();
});

const pollAll = () => pollAllNow(t.db, queue, keys);

async function runsOf(flow: keyof typeof flows) {
  const runs = await t.db.run.findMany({ where: { flowId: flows[flow] }, orderBy: { createdAt: "asc" } });
  return runs.map((run) => run.triggerData as Record<string, unknown>);
}

describe("Order state changed", () => {
  it("runs once per change of an order's or a position's status, with ICM status and payment state", async () => {
    await exportOrder("EV-1");
    iom.setOrderStatus("OLD-1", "STATE_COMMISSIONED");
    await pollAll();
    await pollAll();
    let runs = await runsOf("orderStateChanged");
    expect(runs.map((run) => [run.shopOrderNumber, run.status, run.previousStatus])).toEqual(
      expect.arrayContaining([
        ["EV-1", "STATE_CHECKED", null],
        ["OLD-1", "STATE_COMMISSIONED", "STATE_CHECKED"],
      ]),
    );
    expect(runs).toHaveLength(2);
    expect(runs.find((run) => run.shopOrderNumber === "OLD-1")).toMatchObject({
      icmStatus: "transmitted",
      previousIcmStatus: "in validation",
      orderStatusChanged: true,
      payment: { status: "Not Paid" },
    });

    // Only one position moves: the order's status stays, the change is the position's.
    iom.setOrderStatus("OLD-1", "STATE_COMMISSIONED", { "1000002": "STATE_DISPATCHED" });
    iom.setPaymentState("OLD-1", { invoicingDebitAmount: 100, bookedDebitAmount: 100 });
    await pollAll();
    runs = await runsOf("orderStateChanged");
    expect(runs).toHaveLength(3);
    expect(runs[2]).toMatchObject({
      shopOrderNumber: "OLD-1",
      orderStatusChanged: false,
      payment: { status: "Paid" },
      changedPositions: [
        {
          productNumber: "1000002",
          previousStatus: "STATE_COMMISSIONED",
          status: "STATE_DISPATCHED",
          icmStatus: "shipped",
        },
      ],
    });
    // A payment alone is no status change.
    iom.setPaymentState("OLD-1", { bookedDebitAmount: 50 });
    await pollAll();
    expect(await runsOf("orderStateChanged")).toHaveLength(3);
  });

  it("fires once across a restart that lost the saved cursor, and again when a status comes back", async () => {
    const before = await t.db.triggerState.findMany({ select: { flowId: true, cursor: true } });
    iom.setOrderStatus("EV-1", "STATE_COMMISSIONED");
    await pollAll();
    expect(await runsOf("orderStateChanged")).toHaveLength(4);
    for (const state of before) {
      await t.db.triggerState.update({ where: { flowId: state.flowId }, data: { cursor: state.cursor ?? {} } });
    }
    await pollAll();
    expect(await runsOf("orderStateChanged")).toHaveLength(4);
    iom.setOrderStatus("EV-1", "STATE_CHECKED");
    await pollAll();
    iom.setOrderStatus("EV-1", "STATE_COMMISSIONED");
    await pollAll();
    const runs = await runsOf("orderStateChanged");
    expect(runs.slice(3).map((run) => run.status)).toEqual([
      "STATE_COMMISSIONED",
      "STATE_CHECKED",
      "STATE_COMMISSIONED",
    ]);
  });
});

describe("New or changed return request", () => {
  it("runs for a new return request and once per change of its status", async () => {
    iom.setOrderStatus("EV-1", "STATE_DISPATCHED");
    await runAction(
      createReturnRequestAction,
      {
        shopOrderNumber: "EV-1",
        positions: [{ positionNumber: 1, productNumber: "1000001", quantity: 1, reason: "RET010" }],
      },
      basicAccount(iom.url),
    );
    await pollAll();
    await pollAll();
    let runs = await runsOf("returnRequestChanged");
    expect(runs).toMatchObject([{ shopOrderNumber: "EV-1", isNew: true, returnRequest: { status: "INITIAL" } }]);
    const id = Number((runs[0]?.returnRequest as { id: number }).id);
    iom.setReturnRequestStatus(id, "ACCEPTED", "ACCEPTED");
    await pollAll();
    await pollAll();
    runs = await runsOf("returnRequestChanged");
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({
      isNew: false,
      returnRequest: { id, status: "ACCEPTED", businessStatus: "ACCEPTED" },
    });
  });
});
