// The synchronous half of a webhook: a flow with a Respond step makes its caller wait for the answer. The Respond
// step writes Run.response in the same transaction that records the step, so reading the Run row is enough; it is
// polled rather than LISTENed for, which needs no dedicated connection per waiting request.
import { z } from "zod";
import { readErrorJson } from "@/lib/errors";
import { sqlOf, type SqlSource } from "../db/sql";
import { findRunResponseSql } from "../db/webhook-runs.repository";
import { waitForRunSignal } from "./run-signals";

export const RUN_ID_HEADER = "x-conflux-run-id";
// Only for runs executed by another process: one in this process wakes its caller itself.
const POLL_INTERVAL_MS = 100;

const storedResponseSchema = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()).catch({}),
  body: z.unknown(),
});
export type StoredResponse = z.infer<typeof storedResponseSchema>;

// Set by the web server from the body it sends; a flow copying them from elsewhere would corrupt the answer.
const framingHeaders = new Set(["content-length", "transfer-encoding", "connection", "keep-alive", "upgrade"]);
const statusesWithoutBody = new Set([204, 205, 304]);

export function jsonAnswer(status: number, body: unknown, runId?: string): Response {
  const headers = new Headers({ "content-type": "application/json; charset=utf-8" });
  if (runId) headers.set(RUN_ID_HEADER, runId);
  return new Response(JSON.stringify(body), { status, headers });
}

export function errorAnswer(status: number, code: string, message: string, runId?: string): Response {
  return jsonAnswer(status, { ...(runId ? { runId } : {}), error: { code, message } }, runId);
}

/** Turns what the Respond step stored into the HTTP answer: text stays text, anything else is sent as JSON. */
export function answerFromResponse(stored: StoredResponse, runId: string): Response {
  // The web platform cannot send a 1xx as the final answer; Respond's own schema allows them, so say why here.
  if (stored.status < 200 || stored.status > 599) {
    const message = `The flow's Respond step chose status ${stored.status}, which cannot end a request`;
    return errorAnswer(502, "RESPOND_INVALID", message, runId);
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(stored.headers)) {
    if (framingHeaders.has(name.toLowerCase())) continue;
    try {
      headers.set(name, value);
    } catch {
      // Respond validates names and values; a row written by something else must not crash the answer.
    }
  }
  headers.set(RUN_ID_HEADER, runId);
  if (statusesWithoutBody.has(stored.status) || stored.body === null || stored.body === undefined) {
    return new Response(null, { status: stored.status, headers });
  }
  if (typeof stored.body === "string") {
    if (!headers.has("content-type")) headers.set("content-type", "text/plain; charset=utf-8");
    return new Response(stored.body, { status: stored.status, headers });
  }
  if (!headers.has("content-type")) headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(stored.body), { status: stored.status, headers });
}

export type RunOutcome =
  | { kind: "answer"; stored: StoredResponse }
  | { kind: "failed"; message: string }
  | { kind: "finished" }
  | { kind: "timeout" };

/**
 * Waits until the run has a response, fails or is cancelled first, finishes without reaching a Respond, or the
 * deadline passes. The caller hanging up ends the wait as a timeout; the run goes on either way. A run executed in
 * this process wakes the wait at once (run-signals.ts); the Run row is looked at every `pollIntervalMs` besides, for
 * runs another process executes.
 */
export async function waitForRunOutcome(
  db: SqlSource,
  runId: string,
  options: { deadline: number; signal?: AbortSignal; pollIntervalMs?: number; startedHere?: boolean },
): Promise<RunOutcome> {
  const sql = sqlOf(db);
  // A run this process just started signals when it has something to say, with the response itself.
  if (options.startedHere) {
    const signalled = storedResponseSchema.safeParse(
      (await waitForRunSignal(runId, pollWait(options), options.signal))?.response,
    );
    if (signalled.success) return { kind: "answer", stored: signalled.data };
  }
  for (;;) {
    const run = await findRunResponseSql(sql, runId);
    const stored = storedResponseSchema.safeParse(run?.response);
    if (run && stored.success) return { kind: "answer", stored: stored.data };
    if (!run || run.status === "failed" || run.status === "cancelled") {
      const message = readErrorJson(run?.error)?.message ?? (run ? `The run was ${run.status}` : "The run was deleted");
      return { kind: "failed", message };
    }
    if (run.status === "succeeded") return { kind: "finished" };
    const left = options.deadline - Date.now();
    if (left <= 0 || options.signal?.aborted) return { kind: "timeout" };
    const signalled = storedResponseSchema.safeParse(
      (await waitForRunSignal(runId, Math.min(left, options.pollIntervalMs ?? POLL_INTERVAL_MS), options.signal))
        ?.response,
    );
    if (signalled.success) return { kind: "answer", stored: signalled.data };
  }
}

function pollWait(options: { deadline: number; pollIntervalMs?: number }): number {
  return Math.max(0, Math.min(options.deadline - Date.now(), options.pollIntervalMs ?? POLL_INTERVAL_MS));
}

/**
 * The Toolbox webhook's wait: the run's response, 502 when it fails first, 202 when it finishes without a Respond,
 * 504 when `timeoutMs` passes.
 */
export async function awaitRunResponse(
  db: SqlSource,
  runId: string,
  options: { timeoutMs: number; signal?: AbortSignal; pollIntervalMs?: number; startedHere?: boolean },
): Promise<Response> {
  const outcome = await waitForRunOutcome(db, runId, { ...options, deadline: Date.now() + options.timeoutMs });
  switch (outcome.kind) {
    case "answer":
      return answerFromResponse(outcome.stored, runId);
    case "failed":
      return errorAnswer(502, "RUN_FAILED", outcome.message, runId);
    case "finished":
      return jsonAnswer(202, { runId }, runId);
    case "timeout":
      return errorAnswer(
        504,
        "TIMEOUT",
        `The flow did not respond within ${options.timeoutMs} ms; the run goes on`,
        runId,
      );
  }
}
