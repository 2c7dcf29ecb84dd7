// Group commit: items that arrive while a batch is being written go out together in the next one. Under load one
// statement carries many items (queue inserts, completions, webhook runs) instead of one round trip each; when idle an
// item goes out at once, so nothing waits on a timer.

export interface GroupCall<T, R> {
  /** Resolves with `item`'s own result once the batch holding it is written; rejects with that batch's error. */
  call(item: T): Promise<R>;
  /** Resolves once everything added so far is written (or failed). */
  idle(): Promise<void>;
}

export interface GroupCommit<T> {
  /** Resolves once the batch holding `item` is written; rejects with that batch's error. */
  add(item: T): Promise<void>;
  /** Resolves once everything added so far is written (or failed). */
  idle(): Promise<void>;
}

export interface GroupOptions<T> {
  /** Items per batch at most. */
  maxBatch?: number;
  /** A batch stops before the items' weights (say, their bytes) add up past `maxWeight`; it always takes one item. */
  weigh?: (item: T) => number;
  maxWeight?: number;
}

interface Waiting<T, R> {
  item: T;
  resolve: (result: R) => void;
  reject: (error: unknown) => void;
}

/** Group commit with a result per item: `write` answers the items of a batch in the order it was given them. */
export function createGroupCall<T, R>(
  write: (items: T[]) => Promise<readonly R[]>,
  options: GroupOptions<T> = {},
): GroupCall<T, R> {
  const { maxBatch = 500, weigh, maxWeight = Number.POSITIVE_INFINITY } = options;
  let waiting: Array<Waiting<T, R>> = [];
  let writing: Promise<void> | undefined;

  const takeBatch = () => {
    let count = 0;
    let weight = 0;
    for (const entry of waiting) {
      if (count >= maxBatch) break;
      const itemWeight = weigh ? weigh(entry.item) : 0;
      if (count > 0 && weight + itemWeight > maxWeight) break;
      weight += itemWeight;
      count += 1;
    }
    const batch = waiting.slice(0, count);
    waiting = waiting.slice(count);
    return batch;
  };

  const drain = async () => {
    while (waiting.length > 0) {
      const batch = takeBatch();
      try {
        const results = await write(batch.map((entry) => entry.item));
        if (results.length !== batch.length) {
          throw new Error(`a group write answered ${results.length} of ${batch.length} items`);
        }
        results.forEach((result, index) => batch[index]?.resolve(result));
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    // In the same turn as the last look at `waiting`: an item added from here on starts a drain of its own.
    writing = undefined;
  };

  return {
    call(item) {
      const done = new Promise<R>((resolve, reject) => waiting.push({ item, resolve, reject }));
      writing ??= drain();
      return done;
    },
    idle: () => writing ?? Promise.resolve(),
  };
}

/** Group commit of writes that answer nothing but success or failure. */
export function createGroupCommit<T>(write: (items: T[]) => Promise<void>, maxBatch = 500): GroupCommit<T> {
  const group = createGroupCall<T, undefined>(
    async (items) => {
      await write(items);
      return items.map(() => undefined);
    },
    { maxBatch },
  );
  return { add: (item) => group.call(item), idle: group.idle };
}
