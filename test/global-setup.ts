// Vitest global setup: one real Postgres server for the whole run, with a migrated template database that each
// test file clones (test/database.ts), so files never see each other's rows.
import pg from "pg";
import type { TestProject } from "vitest/node";
import { runPrismaCli } from "../server/db/prisma-cli";
import { startPostgresCluster } from "./postgres-cluster";

export const TEMPLATE_DATABASE = "conflux_template";

export default async function setup(project: TestProject) {
  const cluster = await startPostgresCluster();
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  await client.query(`CREATE DATABASE ${TEMPLATE_DATABASE}`);
  await client.end();
  await runPrismaCli(["migrate", "deploy"], { databaseUrl: cluster.databaseUrl(TEMPLATE_DATABASE), quiet: true });
  project.provide("postgresUrl", cluster.url);
  return () => cluster.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}
