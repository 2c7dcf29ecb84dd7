// The shared state behind per-account rate limits: a token bucket row per account and a row per concurrency slot.
// Every acquisition is ONE statement (no transaction to hold: the embedded PGlite is a single session), and all time
// is the database's clock in UTC, as Prisma stores DateTime, so workers whose clocks disagree still share one bucket.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { Prisma, type DbOrTx } from "./client";

const utcNow = Prisma.raw(`(clock_timestamp() AT TIME ZONE 'UTC')`);

const tokenRows = z.array(z.object({ tokens: z.number() }));
const waitRows = z.array(z.object({ waitSeconds: z.number() }));

interface Bucket {
  accountId: string;
  requestsPerSecond: number;
  capacity: number;
}

/** The tokens a bucket holds once refilled up to `at`; never refilled backwards, never above its capacity. */
function refilled(bucket: Bucket, tokens: Prisma.Sql, refilledAt: Prisma.Sql, at: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`LEAST(${bucket.capacity}::float8,
    ${tokens} + GREATEST(0, EXTRACT(EPOCH FROM ${at} - ${refilledAt}))::float8 * ${bucket.requestsPerSecond}::float8)`;
}

/**
 * Takes one token from the account's bucket if it holds one, refilling it first for the time since the last
 * refill. A missing bucket starts full. ON CONFLICT locks the row, and its WHERE is checked against the latest
 * version, so two workers can never take the same token. Returns false when the bucket is empty.
 */
export async function tryTakeToken(db: DbOrTx, bucket: Bucket): Promise<boolean> {
  // A statement that waited on the row lock carries a timestamp older than the row's: refill from the later one.
  const proposed = Prisma.sql`EXCLUDED."refilledAt"`;
  const available = refilled(bucket, Prisma.sql`s.tokens`, Prisma.sql`s."refilledAt"`, proposed);
  const rows = await db.$queryRaw`
    INSERT INTO "AccountRateState" AS s ("accountId", tokens, "refilledAt")
    VALUES (${bucket.accountId}, ${bucket.capacity}::float8 - 1, ${utcNow})
    ON CONFLICT ("accountId") DO UPDATE
      SET tokens = ${available} - 1, "refilledAt" = GREATEST(s."refilledAt", EXCLUDED."refilledAt")
      WHERE ${available} >= 1
    RETURNING tokens`;
  return tokenRows.parse(rows).length === 1;
}

/** Seconds until the account's bucket will hold a whole token again. */
export async function secondsUntilToken(db: DbOrTx, bucket: Bucket): Promise<number> {
  const available = refilled(bucket, Prisma.sql`tokens`, Prisma.sql`"refilledAt"`, utcNow);
  const rows = await db.$queryRaw`
    SELECT GREATEST(0, 1 - ${available}) / ${bucket.requestsPerSecond}::float8 AS "waitSeconds"
    FROM "AccountRateState" WHERE "accountId" = ${bucket.accountId}`;
  return waitRows.parse(rows)[0]?.waitSeconds ?? 0;
}

function leaseEnd(leaseMs: number): Prisma.Sql {
  return Prisma.sql`${utcNow} + make_interval(secs => ${leaseMs}::float8 / 1000)`;
}

/** A held slot: its row, and the lease token in its holder column that proves this caller still holds it. */
export interface HeldSlot {
  id: string;
  holder: string;
}

export type SlotAttempt = { slot: HeldSlot } | { slot: null; freeSeen: number };

const slotAttemptRows = z.array(z.object({ id: z.string().nullable(), free: z.number() }));

/**
 * Takes one of the account's `maxConcurrency` slots in ONE statement. Slot n of an account is the row with id
 * "<accountId>:<n>", so the primary key does the counting: two workers that pick the same free slot conflict, and
 * only one gets it. A slot whose lease expired (its worker died) is free and is taken over in place. On a miss,
 * `freeSeen` says how many slots looked free: more than 0 means another worker won the race, so try again at once.
 * Lowering the limit leaves slots beyond it to finish their calls; they are never handed out again.
 */
export async function tryTakeSlot(
  db: DbOrTx,
  args: { accountId: string; maxConcurrency: number; holder: string; leaseMs: number },
): Promise<SlotAttempt> {
  const { accountId, maxConcurrency, leaseMs } = args;
  // The token tells this holding apart from an earlier one of the same slot whose worker has not noticed losing it.
  const holder = `${args.holder}@${randomUUID()}`;
  const slotId = Prisma.sql`${accountId} || ':' || n`;
  const rows = await db.$queryRaw`
    WITH free AS (
      SELECT ${slotId} AS id FROM generate_series(0, ${maxConcurrency}::int - 1) AS n
      WHERE NOT EXISTS (SELECT 1 FROM "AccountSlot" s WHERE s.id = ${slotId} AND s."expiresAt" > ${utcNow})
    ), taken AS (
      INSERT INTO "AccountSlot" AS s (id, "accountId", holder, "expiresAt")
      SELECT id, ${accountId}, ${holder}, ${leaseEnd(leaseMs)} FROM free ORDER BY random() LIMIT 1
      ON CONFLICT (id) DO UPDATE SET holder = EXCLUDED.holder, "expiresAt" = EXCLUDED."expiresAt"
        WHERE s."expiresAt" <= ${utcNow}
      RETURNING s.id
    )
    SELECT (SELECT id FROM taken) AS id, (SELECT count(*) FROM free)::int AS free`;
  const [row] = slotAttemptRows.parse(rows);
  if (row?.id) return { slot: { id: row.id, holder } };
  return { slot: null, freeSeen: row?.free ?? 0 };
}

/** Extends a held slot's lease; false if it was taken over (this worker missed its renewals for a whole lease). */
export async function renewSlot(db: DbOrTx, slot: HeldSlot, leaseMs: number): Promise<boolean> {
  const count = await db.$executeRaw`
    UPDATE "AccountSlot" SET "expiresAt" = ${leaseEnd(leaseMs)} WHERE id = ${slot.id} AND holder = ${slot.holder}`;
  return count === 1;
}

export async function releaseSlot(db: DbOrTx, slot: HeldSlot): Promise<void> {
  await db.$executeRaw`DELETE FROM "AccountSlot" WHERE id = ${slot.id} AND holder = ${slot.holder}`;
}

/** The account's overrides, scoped to its workspace; null when the account does not exist there. */
export async function findRateLimitOverrides(
  db: DbOrTx,
  workspaceId: string,
  accountId: string,
): Promise<{ requestsPerSecond: number | null; maxConcurrency: number | null } | null> {
  const row = await db.account.findFirst({
    where: { id: accountId, workspaceId },
    select: { rateLimitPerSecond: true, rateLimitConcurrency: true },
  });
  return row && { requestsPerSecond: row.rateLimitPerSecond, maxConcurrency: row.rateLimitConcurrency };
}
