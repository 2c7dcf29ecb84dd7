import { describe, expect, it } from "vitest";
import { createGroupCommit } from "./group-commit";

describe("group commit", () => {
  it("writes the first item at once and batches what arrives meanwhile", async () => {
    const batches: number[][] = [];
    let release: (() => void) | undefined;
    const group = createGroupCommit<number>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
    }, 3);
    const first = group.add(1);
    const rest = [2, 3, 4, 5].map((n) => group.add(n));
    expect(batches).toEqual([[1]]);
    release?.();
    await Promise.all([first, ...rest]);
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
  });

  it("rejects only the callers of a batch that failed", async () => {
    const group = createGroupCommit<string>(async (items) => {
      if (items.includes("bad")) throw new Error("write failed");
    });
    await expect(group.add("bad")).rejects.toThrow("write failed");
    await expect(group.add("good")).resolves.toBeUndefined();
    await group.idle();
  });

  it("writes an item added right after an earlier one settled", async () => {
    const written: number[] = [];
    const group = createGroupCommit<number>(async (items) => {
      written.push(...items);
    });
    await group.add(1);
    await group.add(2);
    expect(written).toEqual([1, 2]);
  });
});
