// Per-account rate limits, shared through Postgres by every flow and every worker process that uses the account:
// a concurrency slot (a leased row, so a dead worker's slot frees itself) and then a token from the account's bucket.
// The slot comes first so that a call starts the moment it gets its token; taken the other way round, calls holding
// tokens while they queue for slots would all start together when slots free up, bursting past the rate.
// Nothing is held open in the database while waiting or while the task runs (the embedded PGlite is one connection).
import type { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import {
  effectiveRateLimit,
  maxConcurrencySchema,
  requestsPerSecondSchema,
  type EffectiveRateLimit,
} from "@/lib/rate-limits";
import type { ConnectorDefinition } from "../connectors/sdk";
import type { Db, DbOrTx } from "../db/client";
import * as limits from "../db/rate-limit.repository";

export interface AccountLimit extends EffectiveRateLimit {
  accountId: string;
}

export interface AccountLimitOptions extends AccountLimit {
  /** Who holds the slot, e.g. "<runId>:<stepId>", for whoever reads the AccountSlot table. */
  holder: string;
  /** Aborts the wait for a slot or a token (the task gets its own signal). */
  signal: AbortSignal;
  /** How long a slot outlives its last renewal; renewed every third of it while the task runs. */
  leaseMs?: number;
}

const DEFAULT_LEASE_MS = 30_000;
/** A slot freed by another process is only seen by asking again; this bounds how late that is noticed. */
const SLOT_POLL_MS = 200;

/** The effective limits of an account: its overrides, else its connector's declaration, else unlimited. */
export async function resolveAccountLimit(
  db: DbOrTx,
  args: { workspaceId: string; accountId: string; connector: Pick<ConnectorDefinition, "rateLimit"> },
): Promise<AccountLimit> {
  const overrides = await limits.findRateLimitOverrides(db, args.workspaceId, args.accountId);
  const none = { requestsPerSecond: null, maxConcurrency: null };
  return { accountId: args.accountId, ...effectiveRateLimit(args.connector.rateLimit, overrides ?? none) };
}

/**
 * Runs `task` within the account's limits: at most `maxConcurrency` tasks in flight and at most `requestsPerSecond`
 * started per second (bursts up to max(1, rps)) across every worker. Waits, abortably, until both allow it.
 */
export async function withAccountLimit<T>(db: Db, options: AccountLimitOptions, task: () => Promise<T>): Promise<T> {
  const { accountId, holder, signal } = options;
  const rps = usableLimit(requestsPerSecondSchema, options.requestsPerSecond);
  const maxConcurrency = usableLimit(maxConcurrencySchema, options.maxConcurrency);
  if (rps === null && maxConcurrency === null) return task();
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const line = lineFor(db, accountId);
  const leaveLine = await line.join(signal);
  let slot: limits.HeldSlot | null = null;
  let renewal: NodeJS.Timeout | undefined;
  try {
    try {
      if (maxConcurrency !== null) {
        slot = await acquireSlot(db, line, { accountId, maxConcurrency, holder, leaseMs, signal });
        // Renewed from now on: a slow bucket (say 0.1 per second) can keep the slot waiting longer than a lease.
        const held = slot;
        renewal = setInterval(() => void limits.renewSlot(db, held, leaseMs).catch(() => false), leaseMs / 3);
        renewal.unref();
      }
      if (rps !== null) await takeToken(db, { accountId, requestsPerSecond: rps, capacity: Math.max(1, rps) }, signal);
    } finally {
      leaveLine();
    }
    return await task();
  } finally {
    clearInterval(renewal);
    if (slot !== null) {
      // A release that fails (database gone) is not the task's failure: the slot's lease runs out instead.
      await limits.releaseSlot(db, slot).catch(() => undefined);
      // Looked up again: the line this call stood in may have emptied and been replaced while the task ran.
      lines.get(db)?.get(accountId)?.nudge?.();
    }
  }
}

/** A limit of 0 would wait forever and a negative one would refill backwards: refuse it with a readable error. */
function usableLimit(schema: z.ZodNumber, value: number | null): number | null {
  if (value === null) return null;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const problem = parsed.error.issues[0]?.message ?? "it is not a usable limit";
  throw new ConfluxError("VALIDATION", `The account's rate limit cannot be used (${value}): ${problem}`);
}

async function acquireSlot(
  db: Db,
  line: AccountLine,
  args: { accountId: string; maxConcurrency: number; holder: string; leaseMs: number; signal: AbortSignal },
): Promise<limits.HeldSlot> {
  for (;;) {
    const attempt = await limits.tryTakeSlot(db, args);
    if (attempt.slot) return attempt.slot;
    throwIfCancelled(args.signal);
    // Another worker took the slot this one picked while others looked free: ask again at once.
    if (attempt.freeSeen > 0) continue;
    await pause(withJitter(SLOT_POLL_MS), args.signal, line);
  }
}

async function takeToken(
  db: Db,
  bucket: { accountId: string; requestsPerSecond: number; capacity: number },
  signal: AbortSignal,
): Promise<void> {
  for (;;) {
    if (await limits.tryTakeToken(db, bucket)) return;
    const seconds = await limits.secondsUntilToken(db, bucket);
    // Other workers' waiters would otherwise wake in the same millisecond, and all but one ask in vain.
    await pause(withJitter(seconds * 1000), signal);
  }
}

function withJitter(ms: number): number {
  return ms + Math.random() * Math.min(50, 0.1 * ms + 5);
}

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw cancelled(signal);
}

function cancelled(signal: AbortSignal): ConfluxError {
  const message = "Cancelled while waiting for the account's rate limit";
  return new ConfluxError("CANCELLED", message, { cause: signal.reason });
}

/**
 * The calls of one process (one database client) waiting on one account, first come first served. Only the first
 * asks the database, so a hundred queued steps cost the database what one does, which matters most on the
 * embedded PGlite where every statement takes its turn on a single session.
 */
interface AccountLine {
  /** Resolves when it is the caller's turn to acquire; call the function it returns once done acquiring. */
  join(signal: AbortSignal): Promise<() => void>;
  /** Set while the first in line waits for a slot: a slot released in this process wakes it at once. */
  nudge: (() => void) | null;
}

const lines = new WeakMap<Db, Map<string, AccountLine>>();

function lineFor(db: Db, accountId: string): AccountLine {
  const byAccount = lines.get(db) ?? new Map<string, AccountLine>();
  lines.set(db, byAccount);
  const existing = byAccount.get(accountId);
  if (existing) return existing;
  const turns: Array<() => void> = [];
  const line: AccountLine = {
    nudge: null,
    async join(signal) {
      throwIfCancelled(signal);
      let start: () => void = () => undefined;
      const turn = new Promise<void>((resolve) => {
        start = resolve;
      });
      turns.push(start);
      if (turns.length === 1) start();
      const leave = () => {
        const index = turns.indexOf(start);
        if (index === -1) return;
        turns.splice(index, 1);
        if (index === 0) turns[0]?.();
        if (turns.length === 0) byAccount.delete(accountId);
      };
      try {
        await untilAborted(turn, signal);
      } catch (error) {
        leave();
        throw error;
      }
      return leave;
    },
  };
  byAccount.set(accountId, line);
  return line;
}

function untilAborted(promise: Promise<void>, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(cancelled(signal));
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, reject);
  });
}

/** Sleeps `ms`, or less if `line` is nudged (a local slot release); rejects with CANCELLED on abort. */
function pause(ms: number, signal: AbortSignal, line?: AccountLine): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(cancelled(signal));
    const settle = (outcome: () => void) => {
      clearTimeout(timer);
      signal.removeEventListener("abort", onAbort);
      if (line?.nudge === wake) line.nudge = null;
      outcome();
    };
    const wake = () => settle(resolve);
    const onAbort = () => settle(() => reject(cancelled(signal)));
    const timer = setTimeout(wake, ms);
    signal.addEventListener("abort", onAbort, { once: true });
    if (line) line.nudge = wake;
  });
}
