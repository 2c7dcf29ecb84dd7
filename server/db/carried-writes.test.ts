// Held writes the database refuses: the refused one is stored as its fallback, and the writes held beside it (other
// steps' outcomes, up to MAX_CARRIED of them since a loop of steps that compute only holds one per item) are stored
// too before the run hears of the refusal. Against the real Postgres, which refuses a NUL escape in jsonb.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { createRunConnection, HeldWriteRefusedError, type Statement } from "./carried-writes";
import { sqlOf } from "./sql";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.$executeRawUnsafe(`CREATE TABLE held_probe (id int PRIMARY KEY, note jsonb)`);
  await t.db.$executeRawUnsafe(`INSERT INTO held_probe (id, note) VALUES (1, NULL), (2, NULL), (3, NULL)`);
});
afterAll(async () => {
  await t?.drop();
});

const noteWrite = (id: number, jsonText: string): Statement => ({
  row: `held_probe:${id}`,
  text: `UPDATE held_probe SET note = $2::jsonb WHERE id = $1 RETURNING 1`,
  values: [id, jsonText],
  fallback: () => ({
    row: `held_probe:${id}`,
    text: `UPDATE held_probe SET note = '"fallback"'::jsonb WHERE id = $1 RETURNING 1`,
    values: [id],
  }),
});

describe("held writes the database refuses", () => {
  it("stores the refused write's fallback and every other write held with it, then reports the refusal", async () => {
    const connection = createRunConnection(sqlOf(t.db));
    connection.hold(noteWrite(1, '"fine before"'));
    // Raw text, past jsonb()'s replacement: Postgres refuses the escape.
    connection.hold(noteWrite(2, '"bad \\u0000"'));
    connection.hold(noteWrite(3, '"fine after"'));
    await expect(connection.carry({ row: "probe", text: "SELECT 1 AS one", values: [] })).rejects.toBeInstanceOf(
      HeldWriteRefusedError,
    );
    const notes = await t.db.$queryRawUnsafe<Array<{ id: number; note: unknown }>>(
      `SELECT id, note FROM held_probe ORDER BY id`,
    );
    expect(notes).toEqual([
      { id: 1, note: "fine before" },
      { id: 2, note: "fallback" },
      { id: 3, note: "fine after" },
    ]);
    expect(connection.held()).toBe(0);
  });
});
