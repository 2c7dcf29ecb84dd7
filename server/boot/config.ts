// Every environment variable Conflux reads, validated in one place. The README's configuration table lists the same
// names. Nothing else reads process.env for Conflux's own settings: code asks getConfig() (the process's, read once)
// or readConfig(env) (any environment, for tests and scripts).
import path from "node:path";
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS } from "@/lib/run-retention";
import { parseAllowList } from "../security/outbound-address";

/** A whole number from `min` to `max`; the message says what the variable holds and what was given. */
function wholeNumber(what: string, min: number, max: number, fallback: number) {
  const range = `${what} from ${min} to ${max}`;
  return z
    .string()
    .optional()
    .transform((raw, ctx) => {
      if (raw === undefined) return fallback;
      const value = Number(raw);
      if (!/^[+-]?\d+$/.test(raw) || value < min || value > max) {
        ctx.addIssue({ code: "custom", message: `must be a whole number of ${range} (got "${raw}")` });
        return z.NEVER;
      }
      return value;
    });
}

const configSchema = z.object({
  PORT: wholeNumber("a TCP port", 1, 65535, 3000),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
    .optional(),
  CONFLUX_DATA_DIR: z.string().default(".data"),
  /** Read and checked by server/security/keyring.ts; listed here so that every variable has one home. */
  CONFLUX_SECRET_KEY: z.string().optional(),
  CONFLUX_WORKER_CONCURRENCY: wholeNumber("runs", 1, 256, 16),
  CONFLUX_WORKER_BACKLOG: wholeNumber("runs", 0, 100_000, 64),
  /** Named prepared statements on the run's hot path; off behind a transaction-mode pooler (PgBouncer) without them. */
  CONFLUX_PREPARED_STATEMENTS: z
    .enum(["true", "false"], { error: (issue) => `must be true or false (got "${String(issue.input)}")` })
    .default("true")
    .transform((value) => value === "true"),
  CONFLUX_EMBEDDED_WORKER: z
    .enum(["true", "false"], { error: (issue) => `must be true or false (got "${String(issue.input)}")` })
    .default("true")
    .transform((value) => value === "true"),
  /** The built-in Sterling simulator; unset: on with the embedded database, unless NODE_ENV is production. */
  CONFLUX_STERLING_SIMULATOR: z
    .enum(["true", "false"], { error: (issue) => `must be true or false (got "${String(issue.input)}")` })
    .optional(),
  CONFLUX_STEP_PAYLOAD_LIMIT_KB: wholeNumber("kilobytes", 1, 1024 * 1024, 256),
  CONFLUX_RUN_RETENTION_DAYS: wholeNumber("days", 1, MAX_RETENTION_DAYS, DEFAULT_RETENTION_DAYS),
  /** How long a trigger event's dedupe key is remembered, whatever happens to its run. */
  CONFLUX_DEDUPE_KEY_DAYS: wholeNumber("days", 1, 3650, 30),
  /** How many times a run may stop (kill or stall) its worker before it is failed instead of delivered again. */
  CONFLUX_RUN_MAX_WORKER_STOPS: wholeNumber("times", 1, 100, 3),
  /** More host names (or host:port) the web app answers to, comma-separated, e.g. behind a proxy (see README). */
  CONFLUX_ALLOWED_HOSTS: z
    .string()
    .optional()
    .transform((raw) =>
      (raw ?? "")
        .split(",")
        .map((item) => item.trim().toLowerCase())
        .filter((item) => item !== ""),
    ),
  CONFLUX_EXPRESSION_THREADS: wholeNumber("threads", 1, 64, 2),
  CONFLUX_EXPRESSION_MEMORY_MB: wholeNumber("megabytes", 16, 16384, 256),
  CONFLUX_EXPRESSION_TIME_LIMIT_MS: wholeNumber("milliseconds", 100, 600_000, 5000),
  CONFLUX_EXPRESSION_OUTPUT_LIMIT_KB: wholeNumber("kilobytes", 1, 1024 * 1024, 8192),
  CONFLUX_RUN_FILE_LIMIT_MB: wholeNumber("megabytes", 1, 512, 20),
  /** The address the outside world reaches Conflux at (behind a proxy, a tunnel): every webhook address shown. */
  CONFLUX_PUBLIC_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/, "must be an http:// or https:// address without ? or #")
    .transform((url) => url.replace(/\/+$/, ""))
    .optional(),
  /** The largest flow draft (or imported flow) saved, as JSON; a larger one is answered 413. */
  CONFLUX_DRAFT_LIMIT_KB: wholeNumber("kilobytes", 16, 100 * 1024, 2048),
  /** The largest data a Test or Run now with data starts from, as JSON; a larger one is answered 413. */
  CONFLUX_TEST_PAYLOAD_LIMIT_KB: wholeNumber("kilobytes", 1, 100 * 1024, 1024),
  /** How deeply objects and lists may nest in a draft, Test data or a webhook body; deeper is answered 400. */
  CONFLUX_JSON_DEPTH_LIMIT: wholeNumber("levels", 8, 1000, 64),
  /** Company sign-in (OpenID Connect): on when issuer, client id and secret are all set (server/auth/auth.ts). */
  CONFLUX_OIDC_ISSUER: z.string().url("must be the issuer's URL").optional(),
  CONFLUX_OIDC_CLIENT_ID: z.string().optional(),
  CONFLUX_OIDC_CLIENT_SECRET: z.string().optional(),
  CONFLUX_OIDC_NAME: z.string().max(60).optional(),
  /** The largest webhook request body accepted; a larger one is answered 413. */
  CONFLUX_WEBHOOK_BODY_LIMIT_KB: wholeNumber("kilobytes", 1, 100 * 1024, 1024),
  /** Outbound allow-list for every workspace, comma-separated: address ranges, addresses, host names (see README). */
  CONFLUX_OUTBOUND_ALLOW: z
    .string()
    .optional()
    .transform((raw, ctx) => {
      const items = (raw ?? "")
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== "");
      const { problems } = parseAllowList(items);
      if (problems.length > 0) {
        ctx.addIssue({ code: "custom", message: `has entries that cannot be read: ${problems.join("; ")}` });
        return z.NEVER;
      }
      return items;
    }),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string; sterlingSimulator: boolean };
type Env = Readonly<Record<string, string | undefined>>;

/** Reads and checks `env`; throws a VALIDATION error that names every bad variable and what it must be. */
export function readConfig(env: Env = process.env): Config {
  const known = Object.keys(configSchema.shape);
  // Surrounding spaces are dropped, and an empty variable means "not set", as shells and .env files tend to leave them.
  const values = Object.fromEntries(
    known.map((name) => [name, env[name]?.trim() || undefined] as const).filter(([, value]) => value !== undefined),
  );
  const result = configSchema.safeParse(values);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`).join("\n  ");
    throw new ConfluxError("VALIDATION", `Invalid configuration:\n  ${problems}`);
  }
  const simulator = result.data.CONFLUX_STERLING_SIMULATOR;
  return {
    ...result.data,
    dataDir: path.resolve(result.data.CONFLUX_DATA_DIR),
    // NODE_ENV is Node's, not Conflux's: read as given, to keep the simulator out of production by default.
    sterlingSimulator: simulator ? simulator === "true" : !result.data.DATABASE_URL && env.NODE_ENV !== "production",
  };
}

const globalKey = Symbol.for("conflux.config");
type GlobalWithConfig = typeof globalThis & { [globalKey]?: Config };

/** This process's configuration, read from process.env on first use. */
export function getConfig(): Config {
  const holder: GlobalWithConfig = globalThis;
  return (holder[globalKey] ??= readConfig());
}

/** Points this process (and what it starts later) at a database chosen at start-up: the embedded one. */
export function useDatabaseUrl(url: string): void {
  process.env.DATABASE_URL = url;
  const holder: GlobalWithConfig = globalThis;
  delete holder[globalKey];
}

/**
 * The configured database, or a readable error saying how to provide one. Read afresh (it is asked for once per
 * connection pool), so a DATABASE_URL set after start-up (the embedded database, a test's own) is the one used.
 */
export function requireDatabaseUrl(): string {
  const url = readConfig().DATABASE_URL;
  if (!url)
    throw new ConfluxError(
      "UNAVAILABLE",
      "DATABASE_URL is not set: start Conflux with `npm start`, which provides one.",
    );
  return url;
}
