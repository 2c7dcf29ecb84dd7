// The messages between the server and its expression worker threads (sandbox/pool.ts and sandbox/worker.ts).
import type { ExpressionContext } from "@/lib/expressions";
import type { ConfluxErrorJson } from "@/lib/errors";

export type SandboxTask =
  | { kind: "inputs"; inputs: Record<string, unknown>; context: ExpressionContext }
  | { kind: "template"; template: string; field: string; context: ExpressionContext };

export interface SandboxRequest {
  id: number;
  task: SandboxTask;
  /** Largest result, in bytes of JSON; a larger one fails the step instead of filling memory downstream. */
  maxOutputBytes: number;
}

export type SandboxReply =
  { id: number; ok: true; value: unknown } | { id: number; ok: false; error: ConfluxErrorJson };
