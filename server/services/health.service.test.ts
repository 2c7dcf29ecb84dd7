import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { createDb } from "../db/client";
import { checkHealth } from "./health.service";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.drop());

describe("health", () => {
  it("is ok when the database answers and the queue check passes", async () => {
    expect(
      await checkHealth(
        () => t.db,
        async () => undefined,
      ),
    ).toEqual({ status: "ok", db: "ok", queue: "ok" });
  });

  it("names the part that failed", async () => {
    const health = await checkHealth(
      () => t.db,
      async () => {
        throw new Error("pg-boss is not started");
      },
    );
    expect(health).toEqual({
      status: "failed",
      db: "ok",
      queue: "failed",
      errors: { queue: "pg-boss is not started" },
    });
  });

  it("reports an unreachable database instead of hanging", async () => {
    const unreachable = createDb("postgresql://postgres@127.0.0.1:9/none");
    const health = await checkHealth(
      () => unreachable,
      async () => undefined,
    );
    expect(health).toMatchObject({ status: "failed", db: "failed", queue: "ok" });
    expect(health.errors?.db).toBeTruthy();
  });

  it("gives up on a check that never answers", async () => {
    const health = await checkHealth(
      () => t.db,
      () => new Promise<void>(() => undefined),
    );
    expect(health).toMatchObject({ status: "failed", queue: "failed", errors: { queue: "no answer within 3000 ms" } });
  });
});
