// One Prisma client per process, talking to Postgres through the pg driver adapter (no native query engine).
import { PrismaPg } from "@prisma/adapter-pg";
import { getConfig, requireDatabaseUrl } from "../boot/config";
import { Prisma, PrismaClient } from "./generated/client";

export { Prisma };
export type Db = PrismaClient;
export type Tx = Prisma.TransactionClient;
/** Repositories take either the client or a transaction, so that callers decide the transaction boundary. */
export type DbOrTx = Db | Tx;

export function createDb(connectionString: string, options: { poolSize?: number } = {}): Db {
  const adapter = new PrismaPg({ connectionString, max: options.poolSize ?? 10 });
  return new PrismaClient({ adapter });
}

const globalKey = Symbol.for("conflux.db");
type GlobalWithDb = typeof globalThis & { [globalKey]?: Db };

/** The process-wide client for DATABASE_URL; created on first use. */
export function getDb(): Db {
  const holder: GlobalWithDb = globalThis;
  const existing = holder[globalKey];
  if (existing) return existing;
  // The embedded worker shares this pool with the web app: one connection per run slot, and room for requests.
  const db = createDb(requireDatabaseUrl(), { poolSize: Math.max(10, getConfig().CONFLUX_WORKER_CONCURRENCY + 6) });
  holder[globalKey] = db;
  return db;
}
