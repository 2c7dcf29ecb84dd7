// Health answers quickly even when a part hangs: each check has its own deadline.
import type { Db } from "../db/client";

export type PartStatus = "ok" | "failed";
export interface Health {
  status: "ok" | "failed";
  db: PartStatus;
  queue: PartStatus;
  errors?: Partial<Record<"db" | "queue", string>>;
}

const CHECK_TIMEOUT_MS = 3000;

async function withDeadline(check: () => Promise<unknown>): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)), CHECK_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), deadline]);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    clearTimeout(timer);
  }
}

export async function checkHealth(db: () => Db, queueCheck: () => Promise<void>): Promise<Health> {
  const [dbError, queueError] = await Promise.all([
    withDeadline(() => db().$queryRaw`SELECT 1`),
    withDeadline(queueCheck),
  ]);
  const errors: Health["errors"] = {};
  if (dbError) errors.db = dbError;
  if (queueError) errors.queue = queueError;
  const failed = Boolean(dbError || queueError);
  return {
    status: failed ? "failed" : "ok",
    db: dbError ? "failed" : "ok",
    queue: queueError ? "failed" : "ok",
    ...(failed ? { errors } : {}),
  };
}
