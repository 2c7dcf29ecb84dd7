// An expression worker thread: resolves the templates of one step at a time against the context it is sent, and
// answers with the result or the step's readable error. Runs under resourceLimits set by the pool, which terminates
// it when it runs too long or runs out of memory; nothing here needs to guard against that.
import { parentPort } from "node:worker_threads";
import { toErrorJson } from "@/lib/errors";
import { runTask } from "./resolve";
import type { SandboxReply, SandboxRequest } from "./protocol";

async function handle(request: SandboxRequest): Promise<SandboxReply> {
  try {
    return { id: request.id, ok: true, value: await runTask(request.task, request.maxOutputBytes) };
  } catch (error) {
    return { id: request.id, ok: false, error: toErrorJson(error) };
  }
}

parentPort?.on("message", (request: SandboxRequest) => {
  void handle(request).then((reply) => parentPort?.postMessage(reply));
});
