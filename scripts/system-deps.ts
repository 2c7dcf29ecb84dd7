// What `npm test` needs from the system besides npm packages: Debian's Chromium for Playwright and the Postgres
// server binaries for integration tests. As root it installs what is missing; otherwise it says what to install.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { findPostgresBinDir } from "../test/postgres-cluster";

interface SystemDependency {
  debianPackage: string;
  present(): boolean;
}

const dependencies: SystemDependency[] = [
  { debianPackage: "chromium", present: () => fs.existsSync(process.env.CHROMIUM_PATH ?? "/usr/bin/chromium") },
  { debianPackage: "postgresql", present: () => findPostgresBinDir() !== undefined },
];

export function ensureSystemDependencies(log: (line: string) => void): void {
  const missing = dependencies.filter((dependency) => !dependency.present()).map((d) => d.debianPackage);
  if (missing.length === 0) return;
  const command = `apt-get update && apt-get install -y ${missing.join(" ")}`;
  if (process.getuid?.() !== 0) {
    throw new Error(`The tests need ${missing.join(" and ")}. Install them with:\n  sudo sh -c '${command}'`);
  }
  log(`Installing ${missing.join(", ")} (${command})`);
  const result = spawnSync("sh", ["-c", command], {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.status !== 0) throw new Error(`Installing ${missing.join(", ")} failed; run it by hand: ${command}`);
}
