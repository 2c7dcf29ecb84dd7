// The synchronous half of a webhook: a flow with a Respond step makes its caller wait for the answer. The Respond
// step writes Run.response in the same transaction that records the step, so reading the Run row is enough; it is
// polled rather than LISTENed for, which needs no dedicated connection per waiting request.
import { z } from "zod";
import { readErrorJson } from "@/lib/errors";
import type { Db } from "../db/client";
import { findRunResponse } from "../db/run-execution.repository";

export const RUN_ID_HEADER = "x-conflux-run-id";
const POLL_INTERVAL_MS = 100;

const storedResponseSchema = z.object({
  status: z.number().int(),
  headers: z.record(z.string(), z.string()).catch({}),
  body: z.unknown(),
});
type StoredResponse = z.infer<typeof storedResponseSchema>;

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

/**
 * Waits until the run has a response (answered with it), fails or is cancelled first (502 with its error), finishes
 * without reaching a Respond (202, as for a flow without one), or `timeoutMs` passes (504). The caller hanging up
 * ends the wait; the run goes on either way.
 */
export async function awaitRunResponse(
  db: Db,
  runId: string,
  options: { timeoutMs: number; signal?: AbortSignal; pollIntervalMs?: number },
): Promise<Response> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const run = await findRunResponse(db, runId);
    const stored = storedResponseSchema.safeParse(run?.response);
    if (run && stored.success) return answerFromResponse(stored.data, runId);
    if (!run || run.status === "failed" || run.status === "cancelled") {
      const message = readErrorJson(run?.error)?.message ?? (run ? `The run was ${run.status}` : "The run was deleted");
      return errorAnswer(502, "RUN_FAILED", message, runId);
    }
    if (run.status === "succeeded") return jsonAnswer(202, { runId }, runId);
    const left = deadline - Date.now();
    if (left <= 0 || options.signal?.aborted) {
      return errorAnswer(
        504,
        "TIMEOUT",
        `The flow did not respond within ${options.timeoutMs} ms; the run goes on`,
        runId,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(left, options.pollIntervalMs ?? POLL_INTERVAL_MS)));
  }
}
