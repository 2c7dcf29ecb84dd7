// Errors that say the database could not be reached or dropped the connection, as opposed to errors in what was
// asked of it. The runtime lets these escape to the queue, which delivers the run again later; turning them into a
// failed step would fail a run whose action may well have succeeded, for a reason that is not the flow's.
import { ConfluxError } from "@/lib/errors";
import { Prisma } from "./client";

/** Prisma's codes for "could not reach or lost the server" and "no connection free in time". */
const transientPrismaCodes = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
/** Driver adapter error kinds with the same meaning. */
const transientAdapterKinds = new Set([
  "DatabaseNotReachable",
  "ConnectionClosed",
  "SocketTimeout",
  "TooManyConnections",
]);
/** Node socket errors. */
const transientSocketCodes = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH"]);

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? Reflect.get(value, key) : undefined;
}

/** Postgres SQLSTATE classes 08 (connection exception) and 57P (operator intervention: shutdown, terminated). */
function isTransientSqlState(code: unknown): boolean {
  return typeof code === "string" && (code.startsWith("08") || code.startsWith("57P"));
}

export function isTransientDatabaseError(error: unknown): boolean {
  for (let current = error, depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    // A remote system's refusal wraps its socket error (ECONNREFUSED from the API, not from us): never ours.
    if (current instanceof ConfluxError) return false;
    if (current instanceof Prisma.PrismaClientInitializationError) return true;
    const code = field(current, "code");
    if (current instanceof Prisma.PrismaClientKnownRequestError && transientPrismaCodes.has(current.code)) return true;
    const adapterCause = field(field(field(current, "meta"), "driverAdapterError"), "cause");
    const kind = field(adapterCause, "kind");
    if (typeof kind === "string" && transientAdapterKinds.has(kind)) return true;
    if (kind === "postgres" && isTransientSqlState(field(adapterCause, "code"))) return true;
    if (typeof code === "string" && (transientSocketCodes.has(code) || isTransientSqlState(code))) return true;
    current = field(current, "cause");
  }
  return false;
}
