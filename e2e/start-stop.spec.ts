// `npm start` as a user runs it: starts on the embedded Postgres, answers health, stops cleanly on Ctrl+C, and the
// data folder opens again with everything in it. Runs beside the suite's own server, on its own port and folder.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, request as playwrightRequest, test } from "@playwright/test";
import { freePort, setUpAndSignIn } from "./auth-helpers";

// A free port, not an offset from the suite's: several suites may run side by side on one machine.
const port = await freePort();
const baseURL = `http://127.0.0.1:${port}`;

function startConflux(dataDir: string): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", CONFLUX_DATA_DIR: dataDir, DATABASE_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

async function healthStatus(): Promise<number> {
  try {
    return (await fetch(`${baseURL}/api/health`)).status;
  } catch {
    return 0;
  }
}

test("npm start serves health, stops cleanly on Ctrl+C and keeps its data", async ({ request }) => {
  test.setTimeout(180_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-start-stop-"));
  const first = startConflux(dataDir);
  try {
    await expect.poll(healthStatus, { timeout: 120_000, intervals: [250] }).toBe(200);
    expect(await (await request.get(`${baseURL}/api/health`)).json()).toEqual({ status: "ok", db: "ok", queue: "ok" });
    expect(first.output()).toContain(`Conflux is running at http://127.0.0.1:${port}`);
    expect(first.output()).toContain(`Data: embedded Postgres in ${dataDir}`);
    // A fresh data folder opens on the set-up page; the person who fills it in becomes the owner.
    // Explicitly without the suite's signed-in state, which Playwright would otherwise apply here too.
    const newcomer = await playwrightRequest.newContext({ storageState: { cookies: [], origins: [] } });
    const firstPage = await newcomer.get(`${baseURL}/`);
    expect(firstPage.url()).toBe(`${baseURL}/setup`);
    expect(await firstPage.text()).toContain("Set up Conflux");
    await newcomer.dispose();
    await setUpAndSignIn(request, baseURL);
    const created = await request.post(`${baseURL}/api/trpc/flows.create`, {
      data: { json: { name: "Survives restart" } },
    });
    expect(created.ok()).toBe(true);
  } finally {
    first.child.kill("SIGINT");
  }
  expect(await exitOf(first.child)).toBe(0);
  expect(first.output()).toContain("Stopped.");
  expect(fs.existsSync(path.join(dataDir, "conflux.lock"))).toBe(false);

  const second = startConflux(dataDir);
  try {
    await expect.poll(healthStatus, { timeout: 120_000, intervals: [250] }).toBe(200);
    const listed = await request.get(`${baseURL}/api/trpc/flows.list`);
    expect(JSON.stringify(await listed.json())).toContain("Survives restart");
  } finally {
    second.child.kill("SIGINT");
  }
  expect(await exitOf(second.child)).toBe(0);
  fs.rmSync(dataDir, { recursive: true, force: true });
});
