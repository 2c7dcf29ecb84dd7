// Named prepared statements on the hot path: each session of a real Postgres parses and plans a statement once;
// on the embedded PGlite, whose clients share one session, statements stay unnamed.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { createSqlPool, hasOwnSessions, preparedStatements } from "./sql";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.drop();
});

describe("prepared statements", () => {
  it("prepares each statement once per session on Postgres and answers as an unnamed one would", async () => {
    const pool = createSqlPool(t.url, { max: 1, applicationName: "prepared-test" });
    const client = await pool.connect();
    try {
      const sql = preparedStatements(client, () => hasOwnSessions(pool, client));
      for (const n of [1, 2, 3]) {
        const { rows } = await sql.query<{ doubled: number }>("SELECT $1::int * 2 AS doubled", [n]);
        expect(rows).toEqual([{ doubled: n * 2 }]);
      }
      const prepared = await client.query<{ name: string; statement: string }>(
        "SELECT name, statement FROM pg_prepared_statements",
      );
      expect(prepared.rows).toEqual([
        { name: expect.stringMatching(/^conflux_[0-9a-f]{20}$/), statement: "SELECT $1::int * 2 AS doubled" },
      ]);
    } finally {
      client.release();
      await pool.end();
    }
  });

  it("leaves statements unnamed on the embedded PGlite, where clients share a session", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-prepared-test-"));
    const embedded = await startEmbeddedPostgres({ dataDir });
    const pool = createSqlPool(embedded.url, { max: 2, applicationName: "prepared-test" });
    try {
      expect(await hasOwnSessions(pool)).toBe(false);
      // Two clients at once, the same text: named, the second would fail with "already exists".
      const [first, second] = await Promise.all([pool.connect(), pool.connect()]);
      const statements = [first, second].map((client) => preparedStatements(client, () => hasOwnSessions(pool)));
      const answers = await Promise.all(statements.map((sql) => sql.query<{ one: number }>("SELECT 1 AS one")));
      expect(answers.map((answer) => answer.rows)).toEqual([[{ one: 1 }], [{ one: 1 }]]);
      first.release();
      second.release();
    } finally {
      await pool.end();
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
