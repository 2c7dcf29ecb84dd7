// Checkpoint writes that ride with the run's next statement. A finished step must be committed before the next step
// does anything, not the moment it finishes: so "step N finished" is held back and sent in the same round trip as
// "step N+1 starts" (or "the run finished"), as data-modifying WITH parts of that one statement, in one transaction.
// That halves the statements a run costs without weakening the checkpoint: no side effect of the next step can
// happen before its start statement, which carries the earlier write, has committed.
// Only statements that read nothing the held writes change may carry them (they would see the rows as before the
// writes: one snapshot per statement), and two writes of one row never share a statement; anything else sends the
// held writes on their own first. A worker killed while a write is held loses it like an unsent write: the step runs
// again on the next delivery, with the same idempotency key, as when a worker dies between an action and its record.
import { ConfluxError } from "@/lib/errors";
import type { Sql, SqlSource } from "./sql";
import { sqlOf } from "./sql";
import { isTransientDatabaseError } from "./transient-errors";

export interface Statement {
  text: string;
  values: readonly unknown[];
  /** The one row the statement writes ("StepRun:<runId>/<stepId>", "Run:<id>"): two writes of a row never share a statement. */
  row: string;
  /**
   * What a held write becomes when the database refuses its data (not its connection): a step recorded as failed,
   * readably, where retrying the same write would fail forever and run the step again on every delivery.
   */
  fallback?: (reason: string) => Statement;
}

/** A run's own connection: plain queries, plus writes held back until a statement that can carry them. */
export interface RunConnection extends Sql {
  /** Holds a checkpoint write back until the next carrying statement (or flush, or any plain query). */
  hold(write: Statement): void;
  /** Sends `statement` with the held writes in the same round trip and transaction. */
  carry<Row extends object>(statement: Statement): Promise<{ rows: Row[] }>;
  /** Sends the held writes, if any, on their own. */
  flush(): Promise<void>;
  /** The connection itself, for the lease and the cancel watch: their timers must not send the executor's writes. */
  direct: Sql;
  /** How many writes are held (for tests). */
  held(): number;
}

/** At most this many held writes ride in one statement (a loop of skipped steps, say): statements stay small. */
const MAX_CARRIED = 16;

/** A held write the database refused: its fallback was stored instead, and the run must not go on as if it had not. */
export class HeldWriteRefusedError extends ConfluxError {
  constructor(row: string, reason: string) {
    super("INTERNAL", `The result of ${row.replace(/^StepRun:[^/]*\//, "step ")} could not be saved: ${reason}`, {
      retryable: false,
    });
  }
}

export function createRunConnection(connection: Sql): RunConnection {
  let pending: Statement[] = [];

  // Groups of at most MAX_CARRIED writes, none holding two writes of one row.
  const groups = (writes: readonly Statement[]) => {
    const result: Statement[][] = [];
    for (const write of writes) {
      const last = result[result.length - 1];
      if (last && last.length < MAX_CARRIED && !last.some((other) => other.row === write.row)) last.push(write);
      else result.push([write]);
    }
    return result;
  };

  // The database refused something in a combined statement: each write goes alone, and one it still refuses is
  // stored as its fallback before the run hears of it.
  const sendEachAlone = async (writes: readonly Statement[]) => {
    let refused: HeldWriteRefusedError | undefined;
    for (const write of writes) {
      try {
        await connection.query(write.text, write.values);
      } catch (error) {
        if (isTransientDatabaseError(error) || !write.fallback) throw error;
        const reason = error instanceof Error ? error.message : String(error);
        const fallback = write.fallback(reason);
        await connection.query(fallback.text, fallback.values);
        // The writes after it are other steps' outcomes: they are stored too, not lost with this one.
        refused ??= new HeldWriteRefusedError(write.row, reason);
      }
    }
    if (refused) throw refused;
  };

  /** Sends `writes` and then `statement` (when given), the writes riding with it where the rules allow. */
  const send = async <Row extends object>(writes: Statement[], statement?: Statement): Promise<{ rows: Row[] }> => {
    const batches = groups(writes);
    // The statement carries the last group unless that group writes the statement's own row.
    const carried = statement && !batches[batches.length - 1]?.some((write) => write.row === statement.row);
    const alone = carried ? batches.slice(0, -1) : batches;
    try {
      for (const batch of alone) {
        const last = batch[batch.length - 1];
        if (last) await connection.query(...textOf(batch.length === 1 ? last : combine(batch.slice(0, -1), last)));
      }
      if (!statement) return { rows: [] };
      const last = carried ? batches[batches.length - 1] : undefined;
      return await connection.query<Row>(...textOf(last ? combine(last, statement) : statement));
    } catch (error) {
      if (error instanceof HeldWriteRefusedError) throw error;
      // Lost connection: nothing is known to have committed past what Postgres confirmed, and resending a write is
      // harmless (each is keyed by its row), so all of them wait for the next statement or the flush.
      if (isTransientDatabaseError(error) || writes.length === 0) {
        pending = [...writes, ...pending];
        throw error;
      }
      await sendEachAlone(writes);
      if (!statement) return { rows: [] };
      return connection.query<Row>(statement.text, statement.values);
    }
  };

  const takeHeld = () => {
    const writes = pending;
    pending = [];
    return writes;
  };

  return {
    async query<Row extends object>(text: string, values?: readonly unknown[]) {
      await send(takeHeld());
      return connection.query<Row>(text, values);
    },
    hold(write) {
      assertCarriable(write);
      pending.push(write);
    },
    carry: <Row extends object>(statement: Statement) => send<Row>(takeHeld(), statement),
    flush: async () => void (await send(takeHeld())),
    direct: connection,
    held: () => pending.length,
  };
}

const textOf = (statement: { text: string; values: readonly unknown[] }) => [statement.text, statement.values] as const;

/** The connection itself when `source` is a run connection: statements that must not send its held writes. */
export function withoutHeldWrites(source: SqlSource): SqlSource {
  return isRunConnection(source) ? source.direct : source;
}

export function isRunConnection(source: SqlSource): source is RunConnection {
  return "carry" in source && typeof source.carry === "function";
}

/** Holds the write on a run connection; elsewhere (a Prisma client, a transaction) sends it at once. */
export async function holdOrSend(source: SqlSource, write: Statement): Promise<void> {
  if (!isRunConnection(source)) {
    await sqlOf(source).query(write.text, write.values);
    return;
  }
  source.hold(write);
  // Steps that send no statement of their own (a loop of Log steps) must not pile up writes and their payloads.
  if (source.held() >= MAX_CARRIED) await source.flush();
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
