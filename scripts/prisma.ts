// `npm run db:generate` / `npm run db:migrate`: the Prisma CLI with the offline recipe applied.
import { runPrismaCli } from "../server/db/prisma-cli";

await runPrismaCli(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
