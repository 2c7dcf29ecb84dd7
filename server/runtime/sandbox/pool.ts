// Evaluates templates off the event loop: a small pool of worker threads, each with a memory cap (resourceLimits)
// and a hard time limit. JSONata's own timeout is cooperative and ignores native work ($sort, $pad, a backtracking
// regex), so a runaway expression is stopped here by terminating its thread; the thread is replaced and the step
// fails with a readable EXPRESSION error instead of freezing or killing the process (web, worker and embedded
// Postgres share it). Each call sends its context once, so a step costs one round trip, not one per field. Steps
// whose expressions are all plain paths are resolved on the calling thread (plain-paths.ts).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { ConfluxError } from "@/lib/errors";
import { readsOnlyPaths } from "./plain-paths";
import type { SandboxReply, SandboxRequest, SandboxTask } from "./protocol";
import { runTask } from "./resolve";

export interface SandboxLimits {
  threads: number;
  memoryMb: number;
  timeMs: number;
  maxOutputBytes: number;
}

interface Job {
  task: SandboxTask;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  ready: Promise<void>;
  job?: Job & { id: number; timer?: NodeJS.Timeout };
}

function entryPath(): string {
  const candidates = [
    path.join(path.dirname(fileURLToPath(import.meta.url)), "entry.mjs"),
    path.join(process.cwd(), "server", "runtime", "sandbox", "entry.mjs"),
  ];
  const found = candidates.find((candidate) => fs.existsSync(candidate));
  if (!found) throw new Error(`The expression worker (entry.mjs) was not found in ${candidates.join(" or ")}`);
  return found;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}

export class ExpressionPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  /** How many threads were terminated for running too long or out of memory, for tests and the log. */
  stopped = 0;

  constructor(private readonly limits: SandboxLimits) {}

  run(task: SandboxTask): Promise<unknown> {
    // Plain paths select what the context holds and can neither loop nor build: no thread round trip for them.
    if (readsOnlyPaths(task)) return runTask(task, this.limits.maxOutputBytes);
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts every thread ahead of the first evaluation. */
  warm(): void {
    while (this.slots.length < this.limits.threads) this.spawn();
  }

  async close(): Promise<void> {
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let slot = this.slots.find((candidate) => !candidate.job);
      if (!slot && this.slots.length < this.limits.threads) slot = this.spawn();
      if (!slot) return;
      const job = this.queue.shift();
      if (!job) return;
      this.start(slot, job);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(entryPath(), {
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.memoryMb,
        maxYoungGenerationSizeMb: Math.min(64, Math.max(8, Math.floor(this.limits.memoryMb / 8))),
      },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const ready = new Promise<void>((resolve) => worker.once("online", () => resolve()));
    const slot: Slot = { worker, ready };
    worker.on("message", (reply: SandboxReply) => this.answer(slot, reply));
    worker.on("error", (error: Error & { code?: string }) => {
      const outOfMemory = error.code === "ERR_WORKER_OUT_OF_MEMORY";
      this.fail(
        slot,
        outOfMemory
          ? `The expressions of this step used more than ${this.limits.memoryMb} MB of memory and were stopped`
          : `The expression worker stopped: ${error.message}`,
      );
    });
    worker.on("exit", () => this.fail(slot, "The expression worker stopped while evaluating this step"));
    this.slots.push(slot);
    return slot;
  }

  private start(slot: Slot, job: Job): void {
    const id = this.nextId++;
    const request: SandboxRequest = { id, task: job.task, maxOutputBytes: this.limits.maxOutputBytes };
    slot.job = { ...job, id };
    slot.worker.ref();
    // The hard limit counts from when the thread can work, so a thread's start-up is not charged to the step.
    void slot.ready.then(() => {
      if (slot.job?.id !== id) return;
      slot.job.timer = setTimeout(() => {
        this.fail(slot, `The expressions of this step ran longer than ${seconds(this.limits.timeMs)} and were stopped`);
      }, this.limits.timeMs);
      try {
        slot.worker.postMessage(request);
      } catch (error) {
        // A context that cannot be cloned (it came from JSON, so this would be a bug) fails the step, not the pool.
        this.settle(slot, () => job.reject(error));
      }
    });
  }

  private answer(slot: Slot, reply: SandboxReply): void {
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    this.settle(slot, () => {
      if (reply.ok) job.resolve(reply.value);
      else job.reject(new ConfluxError(reply.error.code, reply.error.message, reply.error));
    });
  }

  private settle(slot: Slot, finish: () => void): void {
    if (slot.job) clearTimeout(slot.job.timer);
    slot.job = undefined;
    slot.worker.unref();
    finish();
    this.dispatch();
  }

  /** Ends the slot's job with `message`, terminates its thread and lets a fresh one take its place. */
  private fail(slot: Slot, message: string): void {
    const index = this.slots.indexOf(slot);
    if (index === -1) return;
    this.slots.splice(index, 1);
    const job = slot.job;
    if (job) clearTimeout(job.timer);
    slot.job = undefined;
    void slot.worker.terminate();
    if (job) {
      this.stopped += 1;
      job.reject(new ConfluxError("EXPRESSION", message, { retryable: false }));
    }
    this.dispatch();
  }
}
