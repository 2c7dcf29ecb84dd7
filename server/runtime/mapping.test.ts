// A request body mapped field by field, executed on a real Postgres against a local server: what reaches the target
// is JSON we serialised, and a value that cannot be produced fails the step before any request leaves.
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mapping, type MappingEntry } from "@/lib/mapping";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { createRun, json, startScriptedServer, type ScriptedServer } from "@/test/runtime/execute-fixtures";
import { buildGraph, httpStep, manualTrigger } from "@/test/runtime/graph-fixtures";

let t: TestDatabase;
let server: ScriptedServer;
const received: Array<{ path: string; contentType?: string; body: string }> = [];

function record(req: http.IncomingMessage, res: http.ServerResponse) {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
  req.on("end", () => {
    received.push({ path: req.url ?? "", contentType: req.headers["content-type"], body });
    json(res, 201, { ok: true });
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startScriptedServer();
  server.on("/orders", record);
});
afterAll(async () => {
  await server?.close();
  await t?.drop();
});

function postFlow(path: string, body: unknown) {
  return buildGraph(
    [manualTrigger(), httpStep("post", { method: "POST", url: `${server.base}${path}`, body })],
    [["trigger", "post"]],
  );
}

const fields = (...entries: MappingEntry[]) => mapping({ value: { object: entries } });

describe("a mapped JSON body", () => {
  it("is sent as JSON we serialised, with each value of its type, left out or defaulted by its policy", async () => {
    const body = fields(
      { key: "orderNo", value: "{{ trigger.orderNo }}" },
      { key: "amount", value: "{{ trigger.amount }}", type: "number" },
      { key: "note", value: 'Said "{{ trigger.note }}"' },
      { key: "coupon", value: "{{ trigger.coupon }}", ifMissing: "omit" },
      { key: "channel", value: "{{ trigger.channel }}", ifMissing: "default", default: "web" },
    );
    const run = await createRun(t.db, postFlow("/orders/ok", body), {
      orderNo: "A-1",
      amount: "12.5",
      note: 'a "quote"',
    });
    const done = await run.execute();
    expect(done.status).toBe("succeeded");
    const sent = received.find((entry) => entry.path === "/orders/ok");
    expect(sent?.contentType).toBe("application/json");
    expect(JSON.parse(sent?.body ?? "")).toEqual({
      orderNo: "A-1",
      amount: 12.5,
      note: 'Said "a "quote""',
      channel: "web",
    });
  });

  it("fails the step when a required value is missing, naming the field and expression, and sends nothing", async () => {
    const body = fields(
      { key: "orderNo", value: "{{ trigger.orderNo }}" },
      { key: "amount", value: "{{ trigger.amount }}" },
    );
    const run = await createRun(t.db, postFlow("/orders/missing", body), { orderNo: "A-2" });
    const done = await run.execute();
    expect(done.status).toBe("failed");
    const step = done.steps.find((entry) => entry.stepId === "post");
    expect(step?.status).toBe("failed");
    expect(JSON.stringify(step?.error)).toContain('\\"body.amount\\" has no value: {{ trigger.amount }} found nothing');
    expect(server.hits.get("/orders/missing")).toBeUndefined();
  });

  it("fails the step on a type mismatch and sends nothing", async () => {
    const body = fields({ key: "amount", value: "{{ trigger.amount }}", type: "number" });
    const run = await createRun(t.db, postFlow("/orders/mismatch", body), { amount: "twelve" });
    const done = await run.execute();
    expect(done.status).toBe("failed");
    expect(JSON.stringify(done.steps.at(-1)?.error)).toContain("must be a number, but {{ trigger.amount }} gave");
    expect(server.hits.get("/orders/mismatch")).toBeUndefined();
  });

  it("keeps an older text-template body working, and fails it rather than send broken JSON", async () => {
    const template = '{ "orderNo": "{{ trigger.orderNo }}", "amount": {{ trigger.amount }} }';
    const good = await createRun(t.db, postFlow("/orders/text-ok", template), { orderNo: "A-3", amount: 5 });
    expect((await good.execute()).status).toBe("succeeded");
    const sent = received.find((entry) => entry.path === "/orders/text-ok");
    expect(sent?.contentType).toBe("application/json");
    expect(JSON.parse(sent?.body ?? "")).toEqual({ orderNo: "A-3", amount: 5 });

    const broken = await createRun(t.db, postFlow("/orders/text-broken", template), { orderNo: "A-4" });
    const done = await broken.execute();
    expect(done.status).toBe("failed");
    expect(JSON.stringify(done.steps.at(-1)?.error)).toContain("The body is not valid JSON once mapped");
    expect(server.hits.get("/orders/text-broken")).toBeUndefined();
  });
});
