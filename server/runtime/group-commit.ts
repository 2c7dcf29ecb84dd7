// Group commit: items that arrive while a batch is being written go out together in the next one. Under load one
// statement carries many jobs (queue inserts, completions) instead of one round trip each; when idle an item goes out
// at once, so nothing waits on a timer.

export interface GroupCommit<T> {
  /** Resolves once the batch holding `item` is written; rejects with that batch's error. */
  add(item: T): Promise<void>;
  /** Resolves once everything added so far is written (or failed). */
  idle(): Promise<void>;
}

interface Waiting<T> {
  item: T;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createGroupCommit<T>(write: (items: T[]) => Promise<void>, maxBatch = 500): GroupCommit<T> {
  let waiting: Array<Waiting<T>> = [];
  let writing: Promise<void> | undefined;

  const drain = async () => {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      try {
        await write(batch.map((entry) => entry.item));
        for (const entry of batch) entry.resolve();
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    // In the same turn as the last look at `waiting`: an item added from here on starts a drain of its own.
    writing = undefined;
  };

  return {
    add(item) {
      const done = new Promise<void>((resolve, reject) => waiting.push({ item, resolve, reject }));
      writing ??= drain();
      return done;
    },
    idle: () => writing ?? Promise.resolve(),
  };
}
