// What a test run means for the canvas: each node's status and output, the samples the mapping preview reads, and
// pinning an output onto its node. Pure, so it is tested without a browser; the run itself sits in the designer
// store (store/test-run-slice.ts).
import { jsonByteLength, MAX_NODE_SAMPLE_BYTES, type FlowGraph } from "@/lib/flow-graph";

export type TestStepStatus = "running" | "succeeded" | "failed" | "skipped";
export const unfinishedRunStatuses: ReadonlySet<string> = new Set(["queued", "running"]);

export interface TestStepResult {
  status: TestStepStatus;
  output: unknown;
  outputTruncated: boolean;
  error: { code: string; message: string } | null;
  attempts: number;
  durationMs: number | null;
  /** The operation the step ran: a result stands for a node only while the node still runs it. */
  connectorId?: string;
  operation?: string;
  /** What the step was given; a For each's holds its `items`, which previews inside the loop read. */
  input?: unknown;
  /**
   * A step inside a For each ran once per item (stored as `<id>#<index>`): each item's result, in the order they ran.
   * The result itself then stands for the whole loop (failed if any item failed) with the first item's data.
   */
  items?: TestStepResult[];
}

/** Whether a result (or a run's step) was made by what the node does now: not the trigger it had before a switch. */
export function madeByNode(
  graph: FlowGraph | null,
  stepId: string,
  step: { connectorId?: string; operation?: string },
): boolean {
  const node = graph?.nodes.find((candidate) => candidate.id === stepId);
  if (!node || step.connectorId === undefined || step.operation === undefined) return true;
  return node.connectorId === step.connectorId && node.operation === step.operation;
}

/** The fields of runs.get's steps that a test shows; kept structural so the store does not depend on the router. */
export interface RunStepLike extends TestStepResult {
  stepId: string;
}

export function stepResultsOf(steps: readonly RunStepLike[]): Record<string, TestStepResult> {
  const results: Record<string, TestStepResult> = {};
  const iterations = new Map<string, TestStepResult[]>();
  for (const { stepId, ...result } of steps) {
    const [id = stepId, ...indices] = stepId.split("#");
    if (indices.length === 0) results[stepId] = result;
    else iterations.set(id, [...(iterations.get(id) ?? []), result]);
  }
  for (const [id, items] of iterations) {
    const [first] = items;
    if (first) results[id] = { ...first, status: loopStatus(items), items };
  }
  return results;
}

/** A step's status over the items of its loop: failed if one failed, running while one runs, else as it ran. */
function loopStatus(items: readonly TestStepResult[]): TestStepStatus {
  for (const status of ["failed", "running", "succeeded"] as const)
    if (items.some((item) => item.status === status)) return status;
  return "skipped";
}

/** The result a sample is taken from: a step inside a For each stands by its first item, as the runtime's does. */
function sampleResultOf(result: TestStepResult): TestStepResult {
  return result.items?.[0] ?? result;
}

/** The inputs of the latest test's steps (a For each's `items`), for previews inside a loop. */
export function testInputsOf(
  graph: FlowGraph | null,
  results: Record<string, TestStepResult>,
): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const [stepId, result] of Object.entries(results)) {
    const sample = sampleResultOf(result);
    if (sample.input !== undefined && madeByNode(graph, stepId, result)) inputs[stepId] = sample.input;
  }
  return inputs;
}

/** Pinned samples first, then the latest test's succeeded outputs, which are fresher; cut outputs are left out. */
export function samplesOf(graph: FlowGraph | null, results: Record<string, TestStepResult>): Record<string, unknown> {
  const samples: Record<string, unknown> = {};
  for (const node of graph?.nodes ?? []) if (node.sample !== undefined) samples[node.id] = node.sample;
  for (const [stepId, whole] of Object.entries(results)) {
    const result = sampleResultOf(whole);
    if (
      result.status === "succeeded" &&
      !result.outputTruncated &&
      result.output !== undefined &&
      madeByNode(graph, stepId, result)
    )
      samples[stepId] = result.output;
  }
  return samples;
}

export type SampleParse = { ok: true; value: unknown } | { ok: false; message: string };

/** Pasted trigger data: any JSON value; empty means {}. */
export function parseSampleJson(text: string): SampleParse {
  if (text.trim() === "") return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/** Why an output cannot be pinned, or null when it can. */
export function pinProblem(output: unknown, truncated: boolean): string | null {
  if (truncated) return "This output was cut to the size limit when stored; only a whole output can be pinned.";
  if (output === undefined || output === null) return "This step has no output to pin.";
  if (jsonByteLength(output) > MAX_NODE_SAMPLE_BYTES) {
    return `This output is larger than ${MAX_NODE_SAMPLE_BYTES / 1024} KB; a pinned sample holds at most that.`;
  }
  return null;
}

export function pinSample(graph: FlowGraph, stepId: string, sample: unknown | undefined): FlowGraph {
  return {
    ...graph,
    nodes: graph.nodes.map((node) => {
      if (node.id !== stepId) return node;
      if (sample !== undefined) return { ...node, sample };
      const { sample: _dropped, ...rest } = node;
      return rest;
    }),
  };
}
