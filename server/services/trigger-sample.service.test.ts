// "Fetch a sample" against the Sterling simulator on a real Postgres: the trigger polls once with the chosen account,
// the first item becomes the captured sample Test starts from, and nothing of a real poll happens (no cursor, no
// runs); an empty window and a remote failure are said plainly.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { restAccount, restClientAccount } from "@/test/connectors/sterling";
import { invokeSterling } from "../connectors/sterling/client";
import { linearGraph } from "@/test/runtime/helpers";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import { startSterlingSimulator, type SterlingSimulator } from "../connectors/sterling/simulator";
import { sampleData } from "../connectors/sterling/simulator/fixtures";
import * as accounts from "./accounts.service";
import * as flows from "./flows.service";
import { getTestSamples } from "./test-run.service";
import { fetchTriggerSample, SAMPLE_LOOKBACK_DAYS } from "./trigger-sample.service";

let t: TestDatabase;
let simulator: SterlingSimulator;
let now = new Date("2026-01-05T10:00:00.000Z");
let workspaceId: string;
let accountId: string;
let flowId: string;
const keys = testKeyRing();

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  simulator = await startSterlingSimulator({ ...sampleData(), clock: () => now });
  workspaceId = await ensureDefaultWorkspace(t.db);
  const { mode, credentials } = restAccount(simulator.url);
  const account = await accounts.createAccount(
    { db: t.db, keys, workspaceId },
    { connectorId: "sterling", name: "Simulator", mode, values: credentials, test: false },
  );
  accountId = account.id;
  const flow = await flows.createFlow(t.db, workspaceId, "New orders");
  flowId = flow.id;
  const graph = linearGraph({ id: "event", connectorId: "sterling", operation: "newOrder", accountId, inputs: {} });
  await flows.saveDraft(t.db, workspaceId, flowId, graph, 0);
});
afterAll(async () => {
  await simulator?.close();
  await t?.drop();
});

const ctx = () => ({ db: t.db, keys, workspaceId });
const newOrder = (account?: string) => ({
  connectorId: "sterling",
  operation: "newOrder",
  inputs: {},
  ...(account ? { accountId: account } : {}),
});

describe("fetch a sample", () => {
  it("takes the first recent item of the trigger's poll, saving no cursor and making no run", async () => {
    // The simulator's sample orders are older than the window: nothing yet, as an analyst would find it.
    expect(await fetchTriggerSample(ctx(), flowId, newOrder(accountId), { now })).toMatchObject({ found: false });
    for (const orderNo of ["Y-SAMPLE-1", "Y-SAMPLE-2"]) {
      await invokeSterling(
        restClientAccount(restAccount(simulator.url)),
        "createOrder",
        {
          EnterpriseCode: "DEFAULT",
          OrderNo: orderNo,
          OrderLines: {
            OrderLine: [{ PrimeLineNo: "1", OrderedQty: "2", Item: { ItemID: "SKU-1", UnitOfMeasure: "EACH" } }],
          },
        },
        { signal: new AbortController().signal },
      );
      now = new Date(now.getTime() + 60_000);
    }
    const fetched = await fetchTriggerSample(ctx(), flowId, newOrder(accountId), { now });
    expect(fetched).toMatchObject({
      found: true,
      itemCount: 2,
      data: { OrderNo: "Y-SAMPLE-1", EnterpriseCode: "DEFAULT" },
    });
    expect(await t.db.run.count({ where: { flowId } })).toBe(0);
    expect(await t.db.triggerState.count({ where: { flowId } })).toBe(0);
    const samples = await getTestSamples(t.db, workspaceId, flowId);
    expect(samples.captured?.data).toMatchObject({ OrderNo: "Y-SAMPLE-1" });
  });

  it(`says when nothing changed in the last ${SAMPLE_LOOKBACK_DAYS} days`, async () => {
    now = new Date(now.getTime() + 30 * 24 * 3600_000);
    const fetched = await fetchTriggerSample(ctx(), flowId, newOrder(accountId), { now });
    expect(fetched).toEqual({ found: false, message: expect.stringContaining("Nothing found in the last 7 days") });
  });

  it("asks for an account first, and passes on the remote error without the password", async () => {
    await expect(fetchTriggerSample(ctx(), flowId, newOrder(), { now })).rejects.toThrow(/Choose a .* account first/);
    const { mode, credentials } = restAccount(simulator.url, { password: "wrong-secret-password" });
    const wrong = await accounts.createAccount(
      { db: t.db, keys, workspaceId },
      { connectorId: "sterling", name: "Wrong", mode, values: credentials, test: false },
    );
    const failure = await fetchTriggerSample(ctx(), flowId, newOrder(wrong.id), { now }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(Error);
    expect(String(failure)).not.toContain("wrong-secret-password");
    expect((failure as Error).message.length).toBeGreaterThan(10);
  });

  it("refuses triggers that do not poll", async () => {
    await expect(
      fetchTriggerSample(ctx(), flowId, { connectorId: "core", operation: "webhook", inputs: {} }),
    ).rejects.toThrow(/Only polling triggers/);
  });
});
