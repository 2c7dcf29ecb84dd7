// Creating runs. The Run row is committed before any job is sent: a run that exists is never lost (the reaper
// re-sends its job if the send fails), and a job without a run row is simply dropped by the executor.
import { ConfluxError, NotFoundError } from "@/lib/errors";
import type { Db } from "../db/client";
import { findFlowRunState } from "../db/flows.repository";
import { createRun } from "../db/runs.repository";
import { localExecutor } from "./dispatcher";
import type { RunQueue } from "./queue";

/** The queue, or a way to get it once a run is saved (so a queue that cannot start never loses the request). */
export type QueueSource = RunQueue | (() => Promise<RunQueue>);

export async function requestManualRun(
  db: Db,
  queue: QueueSource,
  args: { workspaceId: string; flowId: string; payload: unknown },
): Promise<{ runId: string }> {
  const flow = await findFlowRunState(db, args.workspaceId, args.flowId);
  if (!flow) throw new NotFoundError("The flow");
  // Run now works for any running flow whatever its trigger, as in App Connect; it runs the started version.
  if (flow.status !== "running" || !flow.publishedVersionId) {
    throw new ConfluxError("FLOW_NOT_RUNNING", "Start the flow before running it: Run now runs the started version.");
  }
  const run = await createRun(db, {
    workspaceId: args.workspaceId,
    flowId: args.flowId,
    flowVersionId: flow.publishedVersionId,
    triggerKind: "manual",
    triggerData: args.payload ?? {},
  });
  if (!run) throw new Error("the run was not created");
  await sendOrLeaveToReaper(queue, run.id);
  return { runId: run.id };
}

/**
 * How long a webhook's answer may wait for room in this process's backlog when its worker is saturated
 * (LocalExecutor.offerWhenRoom). Senders allow far longer (seconds to tens of seconds) before they retry.
 */
export const WEBHOOK_ROOM_WAIT_MS = 1_000;

/**
 * Sends the job for a committed run; true when a worker in this process started it instead. A failed send is not the
 * user's problem: the run is saved and queued, and the worker's reaper sends it again within a minute, so the caller
 * still gets its run id. `waitForRoomMs`: how long the caller may wait for room in the worker's backlog.
 */
export async function sendOrLeaveToReaper(
  queue: QueueSource,
  runId: string,
  options: { waitForRoomMs?: number } = {},
): Promise<boolean> {
  // A worker in this process with a free slot starts the run now; the queue carries only what it cannot take.
  const local = localExecutor();
  if (local && (options.waitForRoomMs ? await local.offerWhenRoom(runId, options.waitForRoomMs) : local.offer(runId))) {
    return true;
  }
  try {
    await (typeof queue === "function" ? await queue() : queue).sendRun(runId);
  } catch (error) {
    console.error(`[conflux] run ${runId} is saved but its job was not sent (the reaper will retry): ${String(error)}`);
  }
  return false;
}
