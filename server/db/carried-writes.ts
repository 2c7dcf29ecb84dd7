// Checkpoint writes that ride with the run's next statement. A finished step must be committed before the next step
// does anything, not the moment it finishes: so "step N finished" is held back and sent in the same round trip as
// "step N+1 starts" (or "the run finished"), as data-modifying WITH parts of that one statement, in one transaction.
// That halves the statements a run costs without weakening the checkpoint: no side effect of the next step can
// happen before its start statement, which carries the earlier write, has committed.
// Only statements that read nothing the held writes change may carry them (they would see the rows as before the
// writes: one snapshot per statement), and two writes of one row never share a statement; anything else sends the
// held writes on their own first. A worker killed while a write is held loses it like an unsent write: the step runs
// again on the next delivery, with the same idempotency key, as when a worker dies between an action and its record.
import type { Sql, SqlSource } from "./sql";
import { sqlOf } from "./sql";

export interface Statement {
  text: string;
  values: readonly unknown[];
  /** The one row the statement writes ("StepRun:<runId>/<stepId>", "Run:<id>"): two writes of a row never share a statement. */
  row: string;
}

/** A run's own connection: plain queries, plus writes held back until a statement that can carry them. */
export interface RunConnection extends Sql {
  /** Holds a checkpoint write back until the next carrying statement (or flush, or any plain query). */
  hold(write: Statement): void;
  /** Sends `statement` with the held writes in the same round trip and transaction. */
  carry<Row extends object>(statement: Statement): Promise<{ rows: Row[] }>;
  /** Sends the held writes, if any, on their own. */
  flush(): Promise<void>;
  /** How many writes are held (for tests). */
  held(): number;
}

/** More held writes than this go out on their own first (a loop of skipped steps, say): statements stay small. */
const MAX_CARRIED = 16;

export function createRunConnection(connection: Sql): RunConnection {
  let pending: Statement[] = [];
  const sendHeld = async () => {
    if (pending.length === 0) return;
    const writes = pending;
    pending = [];
    const last = writes[writes.length - 1];
    if (!last) return;
    const combined = writes.length === 1 ? last : combine(writes.slice(0, -1), last);
    try {
      await connection.query(combined.text, combined.values);
    } catch (error) {
      pending = [...writes, ...pending];
      throw error;
    }
  };
  return {
    async query<Row extends object>(text: string, values?: readonly unknown[]) {
      await sendHeld();
      return connection.query<Row>(text, values);
    },
    hold(write) {
      assertCarriable(write);
      pending.push(write);
    },
    async carry<Row extends object>(statement: Statement) {
      if (pending.some((write) => write.row === statement.row) || pending.length > MAX_CARRIED) await sendHeld();
      if (pending.length === 0) return connection.query<Row>(statement.text, statement.values);
      const writes = pending;
      pending = [];
      const combined = combine(writes, statement);
      try {
        return await connection.query<Row>(combined.text, combined.values);
      } catch (error) {
        // Nothing of the statement committed: the writes wait for the next one (the run's end, or the flush).
        pending = [...writes, ...pending];
        throw error;
      }
    },
    flush: sendHeld,
    held: () => pending.length,
  };
}

export function isRunConnection(source: SqlSource): source is RunConnection {
  return "carry" in source && typeof source.carry === "function";
}

/** Holds the write on a run connection; elsewhere (a Prisma client, a transaction) sends it at once. */
export async function holdOrSend(source: SqlSource, write: Statement): Promise<void> {
  if (isRunConnection(source)) source.hold(write);
  else await sqlOf(source).query(write.text, write.values);
}

/** Sends the statement carrying the run connection's held writes; elsewhere just sends it. */
export async function carryOrSend<Row extends object>(source: SqlSource, statement: Statement): Promise<Row[]> {
  const { rows } = isRunConnection(source)
    ? await source.carry<Row>(statement)
    : await sqlOf(source).query<Row>(statement.text, statement.values);
  return rows;
}

// A WITH part may not hold a WITH of its own that modifies data (Postgres: "must be at the top level").
function assertCarriable(write: Statement): void {
  if (/^\s*WITH\b/i.test(write.text)) throw new Error("A held write must be a single INSERT, UPDATE or DELETE");
}

/** `WITH carried0 AS (<write>), … <statement>`, with each part's $n renumbered after the parts before it. */
export function combine(writes: readonly Statement[], statement: Statement): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const parts = writes.map((write, index) => {
    const text = renumber(write.text, values.length);
    values.push(...write.values);
    return `carried${index} AS (${text})`;
  });
  const main = renumber(statement.text, values.length);
  values.push(...statement.values);
  const leadingWith = /^\s*WITH\s+/i.exec(main);
  const text = leadingWith
    ? `WITH ${parts.join(", ")}, ${main.slice(leadingWith[0].length)}`
    : `WITH ${parts.join(", ")} ${main}`;
  return { text, values };
}

// The hot path's statements are fixed texts whose only `$` are parameters (values never appear in the text).
const renumber = (text: string, offset: number) =>
  offset === 0 ? text : text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`);
