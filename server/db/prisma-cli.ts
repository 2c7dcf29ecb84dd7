// Runs the Prisma CLI offline. The CLI insists that a query-engine library exists before it starts, even though
// `engineType = "client"` never loads one; pointing it at any existing file stops it from trying to download one.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

export async function runPrismaCli(
  args: string[],
  options: { databaseUrl?: string; quiet?: boolean } = {},
): Promise<void> {
  const cli = require.resolve("prisma/build/index.js");
  const preload = fileURLToPath(new URL("./prisma-cli-preload.cjs", import.meta.url));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY ?? path.resolve("package.json"),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  };
  // `generate` needs no database, but the config's datasource still reads the variable.
  env.DATABASE_URL = options.databaseUrl ?? process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused";
  const output: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, ["--require", preload, cli, ...args], {
      env,
      stdio: options.quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    });
    child.stdout?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code === 0) resolve();
      else reject(new Error(`prisma ${args.join(" ")} exited with ${code}\n${output.join("")}`));
    });
  });
}
