// The flow graph: the one shape a flow has everywhere (designer, API, database, runtime). Validated on every save.
import { z } from "zod";

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
});
export type FlowNode = z.infer<typeof flowNodeSchema>;

export const edgeHandles = ["next", "true", "false", "error"] as const;

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
        ctx.addIssue({ code: "custom", path: ["edges", index, "target"], message: "nothing may lead into the trigger" });
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
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
