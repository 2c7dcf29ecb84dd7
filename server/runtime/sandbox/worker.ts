// An expression worker thread: resolves the templates of one step at a time against the context it is sent, and
// answers with the result or the step's readable error. Runs under resourceLimits set by the pool, which terminates
// it when it runs too long or runs out of memory; nothing here needs to guard against that.
import { parentPort } from "node:worker_threads";
import { ConfluxError, toErrorJson } from "@/lib/errors";
import { resolveInputs, resolveTemplate } from "./resolve";
import type { SandboxReply, SandboxRequest } from "./protocol";

function tooLarge(maxBytes: number): ConfluxError {
  return new ConfluxError(
    "EXPRESSION",
    `The expressions of this step built a result larger than ${Math.round(maxBytes / 1024)} KB; narrow what they select`,
  );
}

async function handle(request: SandboxRequest): Promise<SandboxReply> {
  try {
    const { task } = request;
    const value =
      task.kind === "inputs"
        ? await resolveInputs(task.inputs, task.context)
        : await resolveTemplate(task.template, task.context, task.field);
    const size = value === undefined ? 0 : Buffer.byteLength(JSON.stringify(value) ?? "", "utf8");
    if (size > request.maxOutputBytes) throw tooLarge(request.maxOutputBytes);
    return { id: request.id, ok: true, value };
  } catch (error) {
    // A RangeError (string or array too long) is JSONata building past V8's own limits: a size problem too.
    if (error instanceof RangeError)
      return { id: request.id, ok: false, error: tooLarge(request.maxOutputBytes).toJSON() };
    return { id: request.id, ok: false, error: toErrorJson(error) };
  }
}

parentPort?.on("message", (request: SandboxRequest) => {
  void handle(request).then((reply) => parentPort?.postMessage(reply));
});
