// `npm run db:new-migration -- <name> [git-rev]`: writes the SQL that takes the schema as committed at git-rev
// (default HEAD) to the working prisma/schema.prisma. `prisma migrate dev` needs a shadow database and engine
// downloads, and the adapter-based CLI refuses --from-url; diffing two datamodels needs only a scratch connection.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres } from "../server/db/embedded-postgres";
import { runPrismaCli } from "../server/db/prisma-cli";

const name = process.argv[2]?.replace(/[^a-z0-9_]/gi, "_");
const rev = process.argv[3] ?? "HEAD";
if (!name) {
  console.error("Usage: npm run db:new-migration -- <name> [git-rev]");
  process.exit(1);
}
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-migration-"));
const previousSchema = path.join(scratch, "previous.prisma");
fs.writeFileSync(previousSchema, execFileSync("git", ["show", `${rev}:prisma/schema.prisma`]));
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join("prisma", "migrations", `${stamp}_${name}`);
const postgres = await startEmbeddedPostgres({ dataDir: path.join(scratch, "db") });
try {
  fs.mkdirSync(dir, { recursive: true });
  const output = path.join(dir, "migration.sql");
  await runPrismaCli(
    [
      "migrate",
      "diff",
      "--from-schema-datamodel",
      previousSchema,
      "--to-schema-datamodel",
      "prisma/schema.prisma",
    ].concat(["--script", "--output", output]),
    { databaseUrl: postgres.url, quiet: true },
  );
  console.log(`Wrote ${output}`);
} finally {
  await postgres.stop();
  fs.rmSync(scratch, { recursive: true, force: true });
}
