// The process-wide database, credential key and run queue that routes and the webhook path read (getDb, getRunQueue),
// pointed at a fresh test database for one test file, and released after it.
import crypto from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { getDb } from "@/server/db/client";
import { getRunQueue, type RunQueue } from "@/server/runtime";

export async function openProcessDatabase(): Promise<{ t: TestDatabase; queue: RunQueue }> {
  const t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.CONFLUX_SECRET_KEY = crypto.randomBytes(32).toString("base64");
  return { t, queue: await getRunQueue() };
}

export async function closeProcessDatabase(t: TestDatabase | undefined, queue: RunQueue | undefined): Promise<void> {
  await queue?.stop();
  await getDb().$disconnect();
  await t?.drop();
}
