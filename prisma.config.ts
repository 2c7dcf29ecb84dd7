// The Prisma CLI runs fully offline: the WebAssembly schema engine ("engine: js") talks to Postgres through a
// driver adapter, so no native engine is downloaded. 6.19's own adapter fails `migrate deploy`; 7.10's works.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "prisma-migrate-adapter-pg";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  async adapter() {
    const connectionString = process.env.DATABASE_URL;
    if (!connectionString) throw new Error("DATABASE_URL is not set for the Prisma CLI");
    // The CLI never closes the pool; a short idle timeout lets it exit as soon as its work is done.
    return new PrismaPg({ connectionString, idleTimeoutMillis: 100, allowExitOnIdle: true });
  },
});
