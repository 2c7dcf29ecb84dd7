// The flow graph: the one shape a flow has everywhere (designer, API, database, runtime). Validated on every save.
import { z } from "zod";
import { isRecord } from "./is-record";

export const FLOW_GRAPH_SCHEMA_VERSION = 1;

const identifier = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, "must start with a letter and hold only letters, digits, - and _");

export const nodeTypes = ["trigger", "action", "if", "forEach", "respond"] as const;
export type NodeType = (typeof nodeTypes)[number];

export const positionSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

/** Field values: literals, or template strings holding `{{ JSONata }}` references. */
export const nodeInputsSchema = z.record(z.string(), z.unknown());

export const onErrorPolicies = ["fail", "continue", "branch"] as const;
export type OnErrorPolicy = (typeof onErrorPolicies)[number];

/**
 * How an action step behaves when it fails. Absent keys take the defaults in `stepSettingsOf`.
 * - maxAttempts: attempts in all (1 = no retry); only retryable errors (network, timeout, 5xx, 429) are retried.
 * - timeoutMs: per attempt; absent means the action's own timeouts apply.
 * - onError: "fail" fails the run; "continue" records the step failed and goes on, later steps seeing its output as
 *   null; "branch" goes on along the node's "error" edge only, where `steps.<id>.error` holds the error
 *   ({ code, message, retryable, details? }).
 */
export const stepSettingsSchema = z.object({
  maxAttempts: z.number().int().min(1).max(10).optional(),
  timeoutMs: z.number().int().min(1_000).max(300_000).optional(),
  onError: z.enum(onErrorPolicies).optional(),
});
export type StepSettings = z.infer<typeof stepSettingsSchema>;

export const DEFAULT_MAX_ATTEMPTS = 3;

export function stepSettingsOf(node: Pick<FlowNode, "settings">): {
  maxAttempts: number;
  timeoutMs: number | undefined;
  onError: OnErrorPolicy;
} {
  return {
    maxAttempts: node.settings?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    timeoutMs: node.settings?.timeoutMs,
    onError: node.settings?.onError ?? "fail",
  };
}

/** Largest pinned sample kept on a node, in bytes of JSON: the draft is saved whole on every edit. */
export const MAX_NODE_SAMPLE_BYTES = 64 * 1024;

export function jsonByteLength(value: unknown): number {
  try {
    return new TextEncoder().encode(JSON.stringify(value) ?? "").length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

export const flowNodeSchema = z.object({
  id: identifier,
  type: z.enum(nodeTypes),
  position: positionSchema,
  /** What the node calls: a connector id and one of its triggers or actions. */
  connectorId: z.string().min(1).max(64),
  operation: z.string().min(1).max(64),
  label: z.string().max(120).optional(),
  accountId: z.string().max(64).optional(),
  inputs: nodeInputsSchema.default({}),
  /** Retries, timeout and error policy; honoured on action nodes only. */
  settings: stepSettingsSchema.optional(),
  /** Output pinned as sample data ("Pin as sample" after a test), for the mapping preview; capped in size. */
  sample: z
    .unknown()
    .refine((value) => jsonByteLength(value) <= MAX_NODE_SAMPLE_BYTES, {
      message: `a pinned sample holds at most ${MAX_NODE_SAMPLE_BYTES / 1024} KB of JSON`,
    })
    .optional(),
});
export type FlowNode = z.infer<typeof flowNodeSchema>;

/**
 * Where an edge leaves its source: "next" (the normal path), "true"/"false" (an If's branches), "error" (an action
 * whose onError is "branch", taken only when it fails) and "each" (a For each's loop body, run once per item).
 */
export const edgeHandles = ["next", "true", "false", "error", "each"] as const;
export type EdgeHandle = (typeof edgeHandles)[number];

/** The handles each node type may have edges on; anything else is refused at Start and in the designer. */
export const handlesByNodeType: Record<NodeType, readonly EdgeHandle[]> = {
  trigger: ["next"],
  action: ["next", "error"],
  if: ["true", "false"],
  forEach: ["each", "next"],
  respond: ["next"],
};

/** Control nodes are Toolbox ("core") operations that the runtime executes itself, by node type. */
export const controlOperations = { if: "if", forEach: "forEach", respond: "respond" } as const;
export type ControlNodeType = keyof typeof controlOperations;
const controlNodeTypes: readonly ControlNodeType[] = ["if", "forEach", "respond"];

export function isControlNodeType(type: NodeType): type is ControlNodeType {
  return type in controlOperations;
}

/** The node type a new node gets for an operation: a control node for core.if / forEach / respond, else an action. */
export function nodeTypeFor(connectorId: string, operation: string): Exclude<NodeType, "trigger"> {
  if (connectorId !== "core") return "action";
  for (const type of controlNodeTypes) if (controlOperations[type] === operation) return type;
  return "action";
}

export const flowEdgeSchema = z.object({
  id: z.string().min(1).max(128),
  source: identifier,
  target: identifier,
  sourceHandle: z.enum(edgeHandles).default("next"),
});
export type FlowEdge = z.infer<typeof flowEdgeSchema>;

export const flowGraphSchema = z
  .object({
    schemaVersion: z.literal(FLOW_GRAPH_SCHEMA_VERSION),
    nodes: z.array(flowNodeSchema).max(1000),
    edges: z.array(flowEdgeSchema).max(4000),
  })
  .superRefine((graph, ctx) => {
    const ids = new Set<string>();
    graph.nodes.forEach((node, index) => {
      if (ids.has(node.id)) {
        ctx.addIssue({ code: "custom", path: ["nodes", index, "id"], message: `duplicate node id "${node.id}"` });
      }
      ids.add(node.id);
    });
    const triggers = graph.nodes.filter((node) => node.type === "trigger");
    if (triggers.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: ["nodes"],
        message: `a flow has exactly one trigger node (found ${triggers.length})`,
      });
    }
    graph.edges.forEach((edge, index) => {
      for (const end of ["source", "target"] as const) {
        if (!ids.has(edge[end])) {
          ctx.addIssue({
            code: "custom",
            path: ["edges", index, end],
            message: `edge "${edge.id}" points at a node that does not exist ("${edge[end]}")`,
          });
        }
      }
      const target = graph.nodes.find((node) => node.id === edge.target);
      if (target?.type === "trigger") {
        ctx.addIssue({
          code: "custom",
          path: ["edges", index, "target"],
          message: "nothing may lead into the trigger",
        });
      }
    });
  });
export type FlowGraph = z.infer<typeof flowGraphSchema>;

/** Names the first problem of a failed parse by its path, e.g. `nodes[2].position.x: expected number`. */
export function describeIssues(error: z.ZodError, graph?: unknown): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${formatPath(issue.path, graph)}: ${issue.message}`)
    .join("; ");
}

function formatPath(pathParts: readonly PropertyKey[], graph: unknown): string {
  if (pathParts.length === 0) return "flow";
  let text = "";
  let cursor: unknown = graph;
  for (const part of pathParts) {
    if (typeof part === "number") {
      text += `[${part}]`;
      cursor = Array.isArray(cursor) ? cursor[part] : undefined;
      // A node is easier to find by its id than by its index.
      if (isRecord(cursor) && typeof cursor.id === "string") text += ` (${cursor.id})`;
    } else {
      text += text ? `.${String(part)}` : String(part);
      cursor = isRecord(cursor) ? cursor[String(part)] : undefined;
    }
  }
  return text;
}

/** The graph a new flow starts with: a manual trigger and nothing else. */
export function emptyFlowGraph(): FlowGraph {
  return {
    schemaVersion: FLOW_GRAPH_SCHEMA_VERSION,
    nodes: [
      {
        id: "trigger",
        type: "trigger",
        position: { x: 0, y: 0 },
        connectorId: "core",
        operation: "manual",
        inputs: {},
      },
    ],
    edges: [],
  };
}
