// `npm start` serves a production build. It builds when there is none, or when the sources changed since the
// last build, judged by a fingerprint of every source file's path, size and modification time.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);
const SOURCE_DIRS = ["app", "components", "lib", "server", "public"];
const SOURCE_FILES = [
  "package.json",
  "package-lock.json",
  "next.config.ts",
  "proxy.ts",
  "postcss.config.mjs",
  "tsconfig.json",
];
const FINGERPRINT_FILE = path.join(".next", "conflux-source-fingerprint");

function listFiles(dir: string, out: string[]): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) listFiles(full, out);
    else if (!/\.test\.tsx?$/.test(entry.name)) out.push(full);
  }
}

export function sourceFingerprint(root: string): string {
  const files: string[] = [];
  for (const dir of SOURCE_DIRS) listFiles(path.join(root, dir), files);
  for (const file of SOURCE_FILES) if (fs.existsSync(path.join(root, file))) files.push(path.join(root, file));
  const hash = crypto.createHash("sha256");
  for (const file of files.sort()) {
    const stat = fs.statSync(file);
    hash.update(`${path.relative(root, file)}:${stat.size}:${stat.mtimeMs}\n`);
  }
  return hash.digest("hex");
}

export function buildIsCurrent(root: string): boolean {
  const buildId = path.join(root, ".next", "BUILD_ID");
  const fingerprintFile = path.join(root, FINGERPRINT_FILE);
  if (!fs.existsSync(buildId) || !fs.existsSync(fingerprintFile)) return false;
  return fs.readFileSync(fingerprintFile, "utf8") === sourceFingerprint(root);
}

export async function buildIfNeeded(root: string, log: (line: string) => void): Promise<void> {
  if (buildIsCurrent(root)) return;
  log("Building the web app (first start or sources changed)...");
  const fingerprint = sourceFingerprint(root);
  const nextBin = require.resolve("next/dist/bin/next");
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [nextBin, "build"], {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.on("error", reject);
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`next build failed with exit code ${code}`)),
    );
  });
  fs.writeFileSync(path.join(root, FINGERPRINT_FILE), fingerprint);
}
