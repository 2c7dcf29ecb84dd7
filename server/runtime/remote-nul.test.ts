// A remote system's reply holding NUL characters (U+0000), which Postgres refuses in jsonb: the step's result is
// stored with U+FFFD in their place, and a failure reply that quotes one fails its step readably; the run is kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { createRun, startScriptedServer, type ScriptedServer } from "@/test/runtime/execute-fixtures";
import { buildGraph, httpStep, logStep, manualTrigger } from "@/test/runtime/graph-fixtures";

let t: TestDatabase;
let server: ScriptedServer;

beforeAll(async () => {
  t = await createTestDatabase();
  server = await startScriptedServer();
  server.on("/nul-json", (_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end('{"sku":"A\\u0000B","text":"line\\u0000"}');
  });
  server.on("/nul-text", (_req, res) => {
    res.writeHead(200, { "content-type": "text/plain" });
    res.end("raw\u0000bytes");
  });
  server.on("/nul-error", (_req, res) => {
    res.writeHead(400, { "content-type": "text/plain" });
    res.end("bad\u0000request");
  });
});
afterAll(async () => {
  await server?.close();
  await t?.drop();
});

const flowCalling = (path: string) =>
  buildGraph(
    [
      manualTrigger(),
      httpStep("call", { method: "GET", url: `${server.base}${path}` }, { maxAttempts: 1 }),
      logStep("note", "got {{ steps.call.body }}"),
    ],
    [
      ["trigger", "call"],
      ["call", "note"],
    ],
  );

describe("NUL characters in a remote reply", () => {
  it("stores a JSON or text reply with U+FFFD in their place, and later steps see the same", async () => {
    const json = await (await createRun(t.db, flowCalling("/nul-json"))).execute();
    expect(json.status).toBe("succeeded");
    expect(json.steps[1]?.output).toMatchObject({ body: { sku: "A\uFFFDB", text: "line\uFFFD" } });
    const text = await (await createRun(t.db, flowCalling("/nul-text"))).execute();
    expect(text.status).toBe("succeeded");
    expect(text.steps[1]?.output).toMatchObject({ body: "raw\uFFFDbytes" });
    expect(text.steps[2]?.output).toMatchObject({ message: "got raw\uFFFDbytes" });
  });

  it("fails the step readably when an error reply quotes one, and keeps the run", async () => {
    const run = await (await createRun(t.db, flowCalling("/nul-error"))).execute();
    expect(run.status).toBe("failed");
    expect(run.steps[1]?.status).toBe("failed");
    expect(JSON.stringify(run.steps[1]?.error)).toContain("bad\uFFFDrequest");
    expect(JSON.stringify(run.error)).toContain("400");
  });
});
