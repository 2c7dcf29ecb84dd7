// A small pg pool of its own for the webhook route's plain SQL (webhook-runs.repository.ts): one per process, made
// on first use, beside Prisma's pool and the worker's run-lock pool.
import { requireDatabaseUrl } from "../boot/config";
import { createSqlPool, preparedStatements, type Sql } from "./sql";

const holderKey = Symbol.for("conflux.hotSql");
type Holder = typeof globalThis & { [holderKey]?: Sql };

export function getHotSql(): Sql {
  const holder: Holder = globalThis;
  let sql = holder[holderKey];
  if (!sql) {
    const pool = createSqlPool(requireDatabaseUrl(), { max: 8, applicationName: "conflux-webhooks" });
    // An idle client that loses its connection emits on the pool; without a listener that would crash the process.
    pool.on("error", () => undefined);
    sql = preparedStatements(pool);
    holder[holderKey] = sql;
  }
  return sql;
}
