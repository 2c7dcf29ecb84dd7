import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// One fresh embedded data folder per test run, shared by the config's loads in the runner and its workers.
process.env.CONFLUX_E2E_DATA_DIR ??= fs.mkdtempSync(path.join(os.tmpdir(), "conflux-e2e-"));
// The owner's signed-in cookies, written by the global setup, so that every spec runs signed in.
process.env.CONFLUX_E2E_STORAGE_STATE ??= `${process.env.CONFLUX_E2E_DATA_DIR}-owner.json`;
const port = Number(process.env.CONFLUX_E2E_PORT ?? 3210);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  outputDir: ".tmp/test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  globalSetup: "./e2e/global-setup.ts",
  use: {
    baseURL,
    storageState: process.env.CONFLUX_E2E_STORAGE_STATE,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    // The real start path: embedded Postgres, migrations, production build, web app and worker in one process.
    command: "npx tsx scripts/start.ts",
    url: `${baseURL}/api/health`,
    // Without a current build (a spec run alone after an edit) the start builds first, slow on a busy machine.
    timeout: 600_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(port),
      HOST: "127.0.0.1",
      CONFLUX_DATA_DIR: process.env.CONFLUX_E2E_DATA_DIR,
      DATABASE_URL: "",
    },
  },
});
