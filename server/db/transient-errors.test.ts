import { describe, expect, it } from "vitest";
import { ConfluxError } from "@/lib/errors";
import { createDb, Prisma } from "./client";
import { isTransientDatabaseError } from "./transient-errors";

describe("isTransientDatabaseError", () => {
  it("recognizes an unreachable database as Prisma reports it", async () => {
    const db = createDb("postgresql://nobody:nothing@127.0.0.1:9/none");
    const error = await db.run.count().catch((caught: unknown) => caught);
    await db.$disconnect();
    expect(isTransientDatabaseError(error)).toBe(true);
  });

  it("recognizes dropped connections and terminated sessions, also as a cause", () => {
    const closed = new Prisma.PrismaClientKnownRequestError("closed", { code: "P1017", clientVersion: "6" });
    expect(isTransientDatabaseError(closed)).toBe(true);
    expect(isTransientDatabaseError(Object.assign(new Error("terminating connection"), { code: "57P01" }))).toBe(true);
    expect(
      isTransientDatabaseError(
        new Error("wrapped", { cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }) }),
      ),
    ).toBe(true);
  });

  it("leaves errors in what was asked, and the flow's own errors, alone", () => {
    const unique = new Prisma.PrismaClientKnownRequestError("unique", { code: "P2002", clientVersion: "6" });
    expect(isTransientDatabaseError(unique)).toBe(false);
    expect(isTransientDatabaseError(Object.assign(new Error("syntax"), { code: "42601" }))).toBe(false);
    expect(isTransientDatabaseError(new ConfluxError("REMOTE", "The server answered 500"))).toBe(false);
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(isTransientDatabaseError(new ConfluxError("NETWORK", "Could not connect", { cause: refused }))).toBe(false);
    expect(isTransientDatabaseError("text")).toBe(false);
  });
});
