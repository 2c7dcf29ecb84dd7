import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDb } from "./client";
import { EMBEDDED_PASSWORD_FILE, findRunningEmbeddedPostgres, startEmbeddedPostgres } from "./embedded-postgres";
import { findFlow } from "./flows.repository";
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

  it("requires the password generated on first start, also of a data folder from before passwords", async () => {
    // A folder started once, then stripped of its password file, is what an older Conflux left behind.
    const old = await startEmbeddedPostgres({ dataDir });
    await old.stop();
    fs.rmSync(path.join(dataDir, EMBEDDED_PASSWORD_FILE));
    const embedded = await startEmbeddedPostgres({ dataDir });
    try {
      const file = path.join(dataDir, EMBEDDED_PASSWORD_FILE);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      const password = fs.readFileSync(file, "utf8");
      expect(password.length).toBeGreaterThanOrEqual(32);
      const url = new URL(embedded.url);
      expect(decodeURIComponent(url.password)).toBe(password);
      // The rows of before are there for the right password.
      const db = createDb(embedded.url);
      expect(await db.workspace.count()).toBe(1);
      await db.$disconnect();

      const attempt = async (user: string, secret: string | undefined) => {
        const client = new pg.Client({
          host: url.hostname,
          port: Number(url.port),
          user,
          password: secret,
          database: "postgres",
        });
        client.on("error", () => undefined);
        try {
          await client.connect();
          return (await client.query<{ one: number }>("SELECT 1 AS one")).rows[0]?.one;
        } finally {
          await client.end().catch(() => undefined);
        }
      };
      await expect(attempt("postgres", "postgres")).rejects.toThrow(
        /password authentication failed for user "postgres"/,
      );
      await expect(attempt("postgres", `${password}x`)).rejects.toThrow(/password authentication failed/);
      await expect(attempt("anyone", "")).rejects.toThrow();
      expect(await attempt("postgres", password)).toBe(1);
    } finally {
      await embedded.stop();
    }
  });

  it("reads a 5 MB draft through Prisma a dozen times at once without hanging or wedging the pool", async () => {
    const embedded = await startEmbeddedPostgres({ dataDir });
    const db = createDb(embedded.url, { poolSize: 10 });
    try {
      await runPrismaCli(["migrate", "deploy"], { databaseUrl: embedded.url, quiet: true });
      const workspace = await db.workspace.create({ data: { name: "Large drafts" } });
      // Written directly: the API refuses drafts this large now, but older ones may be stored.
      const nodes = Array.from({ length: 50 }, (_, index) => ({
        id: `n${index}`,
        inputs: { text: "x".repeat(105_000) },
      }));
      const flow = await db.flow.create({ data: { workspaceId: workspace.id, name: "Big", draft: { nodes } } });
      // Before the fix the first read already never finished: a reply larger than the socket takes at once arrived
      // corrupted. A hang fails here with a message instead of at the test's own timeout.
      const within = <T>(promise: Promise<T>, what: string) =>
        Promise.race([
          promise,
          new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what} hung`)), 60_000)),
        ]);
      const reads = await within(
        Promise.all(Array.from({ length: 12 }, () => findFlow(db, workspace.id, flow.id))),
        "reading the draft",
      );
      expect(reads.map((read) => JSON.stringify(read?.draft).length)).toEqual(
        Array(12).fill(JSON.stringify({ nodes }).length),
      );
      expect(await within(db.$queryRaw`SELECT 1 AS one`, "the pool")).toEqual([{ one: 1 }]);
    } finally {
      await db.$disconnect();
      await embedded.stop();
    }
  }, 180_000);
});
