// `npm test`: the whole suite. Unit and integration tests (vitest, real Postgres), then end-to-end tests
// (Playwright in Debian's Chromium against `npm start`). Ends with one line counting passed and failed tests.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "../server/boot/build-if-needed";
import { runPrismaCli } from "../server/db/prisma-cli";
import { ensureSystemDependencies } from "./system-deps";

const log = (line: string) => console.log(`[test] ${line}`);
const reportsDir = path.resolve(".tmp/reports");

interface Counts {
  passed: number;
  failed: number;
  skipped: number;
}

function run(command: string, args: string[], env: Record<string, string> = {}): number {
  const result = spawnSync(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson(file: string): unknown {
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, "utf8")) : undefined;
}

function numberAt(value: unknown, key: string): number {
  if (typeof value !== "object" || value === null || !(key in value)) return 0;
  const found: unknown = Object.entries(value).find(([name]) => name === key)?.[1];
  return typeof found === "number" ? found : 0;
}

function vitestCounts(report: unknown): Counts {
  return {
    passed: numberAt(report, "numPassedTests"),
    failed: numberAt(report, "numFailedTests"),
    skipped: numberAt(report, "numPendingTests") + numberAt(report, "numTodoTests"),
  };
}

function playwrightCounts(report: unknown): Counts {
  const stats = typeof report === "object" && report !== null && "stats" in report ? report.stats : undefined;
  return {
    passed: numberAt(stats, "expected"),
    failed: numberAt(stats, "unexpected") + numberAt(stats, "flaky"),
    skipped: numberAt(stats, "skipped"),
  };
}

async function main(): Promise<number> {
  ensureSystemDependencies(log);
  fs.rmSync(reportsDir, { recursive: true, force: true });
  fs.mkdirSync(reportsDir, { recursive: true });
  await runPrismaCli(["generate"], { quiet: true });

  log("Unit and integration tests (vitest, real Postgres)");
  const vitestJson = path.join(reportsDir, "vitest.json");
  const vitestExit = run("npx", [
    "vitest",
    "run",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${vitestJson}`,
  ]);

  // Built here rather than by the web server Playwright starts, whose start-up has a time limit that a build on a
  // busy 2-core machine can overrun. A failed build leaves the start (and so every spec) to fail readably.
  log("Building the web app for the end-to-end tests");
  await buildIfNeeded(process.cwd(), log).catch((error: unknown) => log(`build failed: ${String(error)}`));

  log("End-to-end tests (Playwright, Debian's Chromium, npm start on the embedded Postgres)");
  const playwrightJson = path.join(reportsDir, "playwright.json");
  const playwrightExit = run("npx", ["playwright", "test", "--reporter=list,json"], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightJson,
  });

  const counts = [vitestCounts(readJson(vitestJson)), playwrightCounts(readJson(playwrightJson))];
  const total = counts.reduce((sum, c) => ({
    passed: sum.passed + c.passed,
    failed: sum.failed + c.failed,
    skipped: sum.skipped + c.skipped,
  }));
  const exitCode = vitestExit !== 0 || playwrightExit !== 0 || total.passed === 0 ? 1 : 0;
  // A runner that crashed before reporting counts as a failure even if no test was counted as failed.
  if (exitCode !== 0 && total.failed === 0) total.failed = 1;
  console.log(`\nTests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[test] ${error instanceof Error ? error.message : String(error)}`);
    console.log(`\nTests: 0 passed, 1 failed, 0 skipped`);
    process.exit(1);
  },
);
