import { describe, expect, it } from "vitest";
import { createGroupCall, createGroupCommit } from "./group-commit";

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

  it("answers each caller with its own item's result, batching what arrives meanwhile", async () => {
    const batches: number[][] = [];
    let release: (() => void) | undefined;
    const group = createGroupCall<number, string>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return items.map((item) => `item ${item}`);
    });
    const answers = Promise.all([1, 2, 3, 4].map((n) => group.call(n)));
    expect(batches).toEqual([[1]]);
    release?.();
    expect(await answers).toEqual(["item 1", "item 2", "item 3", "item 4"]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it("ends a batch before its weight passes the limit, but always takes one item", async () => {
    const batches: number[][] = [];
    let release: (() => void) | undefined;
    const group = createGroupCall<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return items;
      },
      { weigh: (item) => item, maxWeight: 10 },
    );
    const all = Promise.all([1, 4, 5, 2, 30, 3].map((n) => group.call(n)));
    release?.();
    await all;
    expect(batches).toEqual([[1], [4, 5], [2], [30], [3]]);
  });

  it("rejects a batch whose write answered a different number of items", async () => {
    const group = createGroupCall<number, number>(async (items) => items.slice(1));
    await expect(group.call(1)).rejects.toThrow("answered 0 of 1 items");
  });
});
