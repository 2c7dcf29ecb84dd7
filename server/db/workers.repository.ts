// Which workers share the database: each names its queue connections, so the others can count them.
import { sqlOf, type SqlSource } from "./sql";

/** Every worker's queue connections carry this name and the worker's own suffix (pg_stat_activity shows it). */
export const WORKER_APPLICATION_NAME = "conflux-worker";

/** How many other workers are connected to the database now, from their connections' application names. */
export async function countOtherWorkers(db: SqlSource, ownApplicationName: string): Promise<number> {
  const { rows } = await sqlOf(db).query<{ workers: number }>(
    `SELECT count(DISTINCT application_name)::int AS workers FROM pg_stat_activity
     WHERE application_name LIKE $1 AND application_name <> $2`,
    [`${WORKER_APPLICATION_NAME} %`, ownApplicationName],
  );
  return rows[0]?.workers ?? 0;
}
