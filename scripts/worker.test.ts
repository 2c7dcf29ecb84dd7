// `npm run worker` as an operator meets it: a clear message without DATABASE_URL, a clean exit on SIGTERM.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { newSecretKey } from "../server/security/keyring";

const root = path.resolve(import.meta.dirname, "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

function startWorkerProcess(env: Record<string, string | undefined>) {
  const child = spawn(tsx, ["scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: undefined, ...env },
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, exited, output: () => output };
}

describe("npm run worker", () => {
  it("refuses to start without DATABASE_URL and says what to set", async () => {
    const worker = startWorkerProcess({});
    expect(await worker.exited).toBe(1);
    expect(worker.output()).toContain("DATABASE_URL is not set");
  });

  it("starts against Postgres and exits 0 on SIGTERM", async () => {
    // A key of its own, so that the test never generates one into the repository's data folder.
    const worker = startWorkerProcess({ DATABASE_URL: t.url, CONFLUX_SECRET_KEY: newSecretKey().base64 });
    const deadline = Date.now() + 20_000;
    while (!worker.output().includes("worker started") && Date.now() < deadline) {
      if (worker.child.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(worker.output()).toContain("worker started");
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    expect(worker.output()).toContain("worker stopped");
  });
});
