import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./client";
import { findRunningEmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres";
import { runPrismaCli } from "./prisma-cli";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-embedded-test-"));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("embedded Postgres", () => {
  it("migrates, keeps rows across a stop and a start, and refuses a second process on the same folder", async () => {
    const first = await startEmbeddedPostgres({ dataDir });
    await runPrismaCli(["migrate", "deploy"], { databaseUrl: first.url, quiet: true });
    const db = createDb(first.url);
    await db.workspace.create({ data: { name: "Kept across restarts" } });
    await db.$disconnect();

    // Another live process holding the lock: this process's parent stands in for it.
    expect(findRunningEmbeddedPostgres(dataDir)).toBeUndefined();
    fs.writeFileSync(path.join(dataDir, "conflux.lock"), String(process.ppid));
    await expect(startEmbeddedPostgres({ dataDir })).rejects.toThrow(/in use by process \d+/);
    // Maintenance commands find the running process's database through the published URL.
    expect(findRunningEmbeddedPostgres(dataDir)).toBe(first.url);
    fs.writeFileSync(path.join(dataDir, "conflux.lock"), String(process.pid));
    await first.stop();
    expect(fs.existsSync(path.join(dataDir, "conflux.lock"))).toBe(false);
    expect(findRunningEmbeddedPostgres(dataDir)).toBeUndefined();

    const second = await startEmbeddedPostgres({ dataDir });
    const reopened = createDb(second.url);
    const names = (await reopened.workspace.findMany()).map((workspace) => workspace.name);
    await reopened.$disconnect();
    await second.stop();
    expect(names).toEqual(["Kept across restarts"]);
  });
});
