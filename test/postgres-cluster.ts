// A throwaway Postgres server for integration tests and benchmarks: initdb + pg_ctl in a temp folder on a free
// port, no system service. As root, Postgres refuses to run, so the cluster runs as the `postgres` user.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";

export interface PostgresCluster {
  /** Connection URL of the `postgres` database; use `databaseUrl(name)` for others. */
  url: string;
  databaseUrl(name: string): string;
  /** The server's data folder (its postmaster.pid names the server process). */
  dataDir: string;
  stop(): void;
}

export function findPostgresBinDir(): string | undefined {
  const candidates: string[] = [];
  if (process.env.POSTGRES_BIN_DIR) candidates.push(process.env.POSTGRES_BIN_DIR);
  const root = "/usr/lib/postgresql";
  if (fs.existsSync(root)) {
    for (const version of fs.readdirSync(root).sort((a, b) => Number(b) - Number(a))) {
      candidates.push(path.join(root, version, "bin"));
    }
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) candidates.push(dir);
  return candidates.find((dir) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl")));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const isRoot = process.getuid?.() === 0;

function runAsOwner(binary: string, args: string[]): void {
  const [command, fullArgs] = isRoot ? ["runuser", ["-u", "postgres", "--", binary, ...args]] : [binary, args];
  const result = spawnSync(command, fullArgs, { encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(`${path.basename(binary)} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
}

/** `settings`: extra server settings (`name=value`), e.g. to load pg_stat_statements for a benchmark. */
export async function startPostgresCluster(options: { settings?: string[] } = {}): Promise<PostgresCluster> {
  const binDir = findPostgresBinDir();
  if (!binDir) {
    throw new Error(
      "No Postgres server binaries found (initdb, pg_ctl). Install them with `apt-get install -y postgresql`, " +
        "or set POSTGRES_BIN_DIR.",
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-pg-"));
  if (isRoot) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  const dataDir = path.join(dir, "data");
  const port = await freePort();
  runAsOwner(path.join(binDir, "initdb"), ["-D", dataDir, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]);
  runAsOwner(path.join(binDir, "pg_ctl"), [
    "-D",
    dataDir,
    "-l",
    path.join(dir, "server.log"),
    "-w",
    "-o",
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300 -c synchronous_commit=off` +
      (options.settings ?? []).map((setting) => ` -c ${setting}`).join(""),
    "start",
  ]);
  const databaseUrl = (name: string) => `postgresql://postgres@127.0.0.1:${port}/${name}`;
  let stopped = false;
  return {
    url: databaseUrl("postgres"),
    databaseUrl,
    dataDir,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        runAsOwner(path.join(binDir, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
