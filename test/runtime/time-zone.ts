// Timestamps are stored without a zone, in UTC, but a production database's sessions need not run in UTC. Tests of
// code that computes times in SQL use a zone far from UTC, so that a forgotten `AT TIME ZONE 'UTC'` shows up.
import pg from "pg";

/** Call before anything connects to the database: only sessions opened afterwards get the zone. */
export async function useTimeZoneOtherThanUtc(databaseUrl: string): Promise<void> {
  const name = new URL(databaseUrl).pathname.slice(1);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`ALTER DATABASE "${name}" SET timezone TO 'Pacific/Kiritimati'`);
  } finally {
    await client.end();
  }
}
