// Named prepared statements on the hot path: each session of a real Postgres parses and plans a statement once; on
// the embedded PGlite, whose clients share one session, the wire server answers a second client's Parse itself.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { startEmbeddedPostgres } from "./embedded-postgres";
import { createSqlPool, preparedStatements } from "./sql";

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
      const sql = preparedStatements(client);
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
      // CONFLUX_PREPARED_STATEMENTS=false (a transaction-mode pooler): unnamed, nothing kept in the session.
      await preparedStatements(client, false).query("SELECT $1::int + 1 AS next", [1]);
      const after = await client.query("SELECT name FROM pg_prepared_statements");
      expect(after.rows).toHaveLength(1);
    } finally {
      client.release();
      await pool.end();
    }
  });

  it("shares one prepared statement among the embedded PGlite's clients, which share its one session", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-prepared-test-"));
    const embedded = await startEmbeddedPostgres({ dataDir });
    const pool = createSqlPool(embedded.url, { max: 3, applicationName: "prepared-test" });
    try {
      // Three clients at once, the same text: without the wire server's help the second Parse of the name fails.
      const clients = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
      const answers = await Promise.all(
        clients.map((client, index) =>
          preparedStatements(client).query<{ doubled: number }>("SELECT $1::int * 2 AS doubled", [index]),
        ),
      );
      expect(answers.map((answer) => answer.rows)).toEqual([[{ doubled: 0 }], [{ doubled: 2 }], [{ doubled: 4 }]]);
      const prepared = await clients[0]?.query<{ name: string }>(
        "SELECT name FROM pg_prepared_statements WHERE name LIKE 'conflux_%'",
      );
      expect(prepared?.rows).toHaveLength(1);
      for (const client of clients) client.release();
    } finally {
      await pool.end();
      await embedded.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
