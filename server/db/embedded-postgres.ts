// The embedded default: real Postgres compiled to WebAssembly (PGlite), served on loopback so that Prisma, pg and
// pg-boss connect to it exactly as they would to a Postgres server.
import crypto from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { PgliteWireServer } from "./pglite-wire-server";

export interface EmbeddedPostgres {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
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

function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// PGlite has no multi-process locking of its own: two processes on one folder would corrupt it.
function takeLock(dataDir: string): () => void {
  const lockFile = path.join(dataDir, "conflux.lock");
  if (fs.existsSync(lockFile)) {
    const holder = Number(fs.readFileSync(lockFile, "utf8").trim());
    if (Number.isInteger(holder) && holder !== process.pid && processIsAlive(holder)) {
      throw new Error(
        `The data folder ${dataDir} is in use by process ${holder}. Stop that Conflux first, or set CONFLUX_DATA_DIR.`,
      );
    }
  }
  fs.writeFileSync(lockFile, String(process.pid));
  return () => fs.rmSync(lockFile, { force: true });
}

export async function startEmbeddedPostgres(options: { dataDir: string; port?: number }): Promise<EmbeddedPostgres> {
  const dataDir = path.resolve(options.dataDir);
  fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = takeLock(dataDir);
  const db = await PGlite.create(path.join(dataDir, "pgdata"));
  const port = options.port ?? (await freePort());
  const password = embeddedPassword(dataDir);
  const server = new PgliteWireServer(db, { password });
  await server.listen(port, "127.0.0.1");
  const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres?sslmode=disable`;
  // Published beside the lock so that maintenance commands (npm run keys:rotate) can work while Conflux runs.
  const urlFile = path.join(dataDir, EMBEDDED_URL_FILE);
  fs.writeFileSync(urlFile, url, { mode: 0o600 });
  let stopped = false;
  return {
    url,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      fs.rmSync(urlFile, { force: true });
      await server.close();
      await db.close();
      releaseLock();
    },
  };
}

export const EMBEDDED_URL_FILE = "postgres.url";
export const EMBEDDED_PASSWORD_FILE = "postgres.password";

/**
 * The embedded database's password: generated on a data folder's first start (folders from before it existed get
 * one on their next start) and kept beside the data, readable by its owner only. Every client must give it, so
 * another local user or a web page cannot reach the data through the loopback port.
 */
export function embeddedPassword(dataDir: string): string {
  const file = path.join(dataDir, EMBEDDED_PASSWORD_FILE);
  if (!fs.existsSync(file)) {
    // "wx": two processes starting at once cannot both write one (the lock keeps them apart anyway).
    fs.writeFileSync(file, crypto.randomBytes(24).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  fs.chmodSync(file, 0o600);
  const password = fs.readFileSync(file, "utf8").trim();
  if (!password) throw new Error(`${file} is empty: delete it and start again to get a new password`);
  return password;
}

/** The URL of the embedded Postgres that a live Conflux process serves from this data folder, if there is one. */
export function findRunningEmbeddedPostgres(dataDir: string): string | undefined {
  const lockFile = path.join(dataDir, "conflux.lock");
  const urlFile = path.join(dataDir, EMBEDDED_URL_FILE);
  if (!fs.existsSync(lockFile) || !fs.existsSync(urlFile)) return undefined;
  const holder = Number(fs.readFileSync(lockFile, "utf8").trim());
  if (!Number.isInteger(holder) || holder === process.pid || !processIsAlive(holder)) return undefined;
  return fs.readFileSync(urlFile, "utf8").trim() || undefined;
}
