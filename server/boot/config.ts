// Every environment variable Conflux reads, validated once at start-up. The README's configuration table lists
// the same names.
import path from "node:path";
import { z } from "zod";

const configSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL")
    .optional(),
  CONFLUX_DATA_DIR: z.string().min(1).default(".data"),
  /** Read and checked by server/security/keyring.ts; listed here so that every variable has one home. */
  CONFLUX_SECRET_KEY: z.string().optional(),
  CONFLUX_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(4),
  CONFLUX_EMBEDDED_WORKER: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
});

export type Config = z.infer<typeof configSchema> & { dataDir: string };

export function readConfig(env: Readonly<Record<string, string | undefined>> = process.env): Config {
  const result = configSchema.safeParse({
    ...env,
    // An empty variable means "not set", as shells and .env files tend to leave them.
    DATABASE_URL: env.DATABASE_URL || undefined,
  });
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("\n  ");
    throw new Error(`Invalid configuration:\n  ${problems}`);
  }
  return { ...result.data, dataDir: path.resolve(result.data.CONFLUX_DATA_DIR) };
}
