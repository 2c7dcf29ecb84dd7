// Plain SQL for the run's hot path. A Prisma model query costs about ten times the CPU of the same statement sent
// through pg (it is compiled per call), and a run makes a dozen of them, so the statements a run executes on every
// step are written as SQL once and sent either through the executing worker's own pg connection or, for callers
// that only hold a Prisma client or transaction, through Prisma's raw queries.
// Timestamps are stored in UTC without a time zone (as Prisma writes them): values go in as ISO text cast to
// timestamp, and come back as UTC Dates.
import { createHash } from "node:crypto";
import pg from "pg";
import type { DbOrTx } from "./client";
import { jsonTextWithoutNul } from "../security/json-nul";
import { getConfig } from "../boot/config";
import { SHARED_STATEMENT_PREFIX } from "./pglite-wire-server";

export interface Sql {
  query<Row extends object>(text: string, values?: readonly unknown[]): Promise<{ rows: Row[] }>;
}

/** A Prisma client, a Prisma transaction, or a pg connection. */
export type SqlSource = DbOrTx | Sql;

function isSql(source: SqlSource): source is Sql {
  return "query" in source && typeof source.query === "function";
}

/** The SQL interface of any source; statements must return their result with RETURNING. */
export function sqlOf(source: SqlSource): Sql {
  if (isSql(source)) return source;
  return {
    async query<Row extends object>(text: string, values: readonly unknown[] = []) {
      const rows: Row[] = await source.$queryRawUnsafe(text, ...values);
      return { rows };
    },
  };
}

const TIMESTAMP_OID = 1114;

/** A pg pool whose timestamps read back as UTC, as Prisma reads them. */
export function createSqlPool(connectionString: string, options: { max: number; applicationName: string }): pg.Pool {
  return new pg.Pool({
    connectionString,
    max: options.max,
    application_name: options.applicationName,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === TIMESTAMP_OID && format !== "binary"
          ? (text: string) => new Date(`${text.replace(" ", "T")}Z`)
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
}

/** A pg pool or client: what `preparedStatements` wraps. */
export interface PgQueryable {
  query<Row extends pg.QueryResultRow>(config: pg.QueryConfig): Promise<pg.QueryResult<Row>>;
}

/** Statement texts past this many go unnamed, so a text built per call cannot grow every session's statements. */
const MAX_NAMED_STATEMENTS = 500;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
    name = `${SHARED_STATEMENT_PREFIX}${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * The hot path's statements as named prepared statements: each session parses and plans a statement once and then
 * only binds it, which spares the database the planning it otherwise repeats for every statement of every run. The
 * name is a hash of the text, so the embedded PGlite's wire server, whose clients share one session, can tell that
 * a second client's Parse of a name is already done (pglite-wire-server.ts).
 */
export function preparedStatements(target: PgQueryable, named = getConfig().CONFLUX_PREPARED_STATEMENTS): Sql {
  return {
    async query<Row extends object>(text: string, values: readonly unknown[] = []) {
      const name = named ? statementName(text) : undefined;
      const result = await target.query<Row & pg.QueryResultRow>({
        text,
        values: [...values],
        ...(name ? { name } : {}),
      });
      return { rows: result.rows };
    },
  };
}

/** A Date as the text a timestamp column takes. */
export const utc = (date: Date) => date.toISOString();
/** A value as the text a jsonb column takes; null and undefined are JSON null, as toJsonInput stores them. */
export const jsonb = (value: unknown) => jsonTextWithoutNul(JSON.stringify(value ?? null) ?? "null");
