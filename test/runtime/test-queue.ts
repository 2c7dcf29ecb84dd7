// The run queue a test sends to, on its own small pg-boss against the test's database (not the process-wide one).
import type PgBoss from "pg-boss";
import { runQueueOf, startBoss, type RunQueue } from "@/server/runtime/queue";

export async function startTestQueue(databaseUrl: string): Promise<{ boss: PgBoss; queue: RunQueue }> {
  const boss = await startBoss({
    databaseUrl,
    supervise: false,
    poolSize: 2,
    applicationName: "test",
    onError: () => undefined,
  });
  return { boss, queue: runQueueOf(boss, () => boss.stop({ graceful: false })) };
}
