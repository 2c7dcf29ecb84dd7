// A small pg pool of its own for the webhook route's plain SQL (webhook-runs.repository.ts): one per process, made
// on first use, beside Prisma's pool and the worker's run-lock pool.
import type pg from "pg";
import { requireDatabaseUrl } from "../boot/config";
import { createSqlPool, type Sql } from "./sql";

const holderKey = Symbol.for("conflux.hotSql");
type Holder = typeof globalThis & { [holderKey]?: pg.Pool };

export function getHotSql(): Sql {
  const holder: Holder = globalThis;
  let pool = holder[holderKey];
  if (!pool) {
    pool = createSqlPool(requireDatabaseUrl(), { max: 8, applicationName: "conflux-webhooks" });
    // An idle client that loses its connection emits on the pool; without a listener that would crash the process.
    pool.on("error", () => undefined);
    holder[holderKey] = pool;
  }
  return pool;
}
