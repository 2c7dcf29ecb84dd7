// The field paths an If's condition rows can offer as suggestions: the trigger's and earlier steps' outputs, read
// from their output schemas (the designer's data tree shows the same data with samples; this is just the names).
import { type ConnectorManifest, resolveOperation } from "@/lib/connector-manifest";
import type { FlowGraph } from "@/lib/flow-graph";
import { isRecord } from "@/lib/is-record";

const MAX_DEPTH = 3;
const SIMPLE_NAME = /^[A-Za-z_$][\w$]*$/;

function collect(schema: unknown, prefix: string, depth: number, into: string[]): void {
  if (!isRecord(schema) || depth >= MAX_DEPTH || !isRecord(schema.properties)) return;
  for (const [key, child] of Object.entries(schema.properties)) {
    const path = `${prefix}.${SIMPLE_NAME.test(key) ? key : `\`${key}\``}`;
    into.push(path);
    collect(child, path, depth + 1, into);
  }
}

/** Steps that can run before `nodeId`: everything reachable backwards along the edges. */
function ancestorIds(graph: FlowGraph, nodeId: string): Set<string> {
  const seen = new Set<string>();
  const queue = [nodeId];
  while (queue.length > 0) {
    const id = queue.shift();
    for (const edge of graph.edges) {
      if (edge.target !== id || seen.has(edge.source)) continue;
      seen.add(edge.source);
      queue.push(edge.source);
    }
  }
  return seen;
}

export function conditionPaths(graph: FlowGraph, nodeId: string, manifest: ConnectorManifest | undefined): string[] {
  const paths: string[] = [];
  const before = ancestorIds(graph, nodeId);
  for (const node of graph.nodes) {
    if (node.id === nodeId) continue;
    const isTrigger = node.type === "trigger";
    if (!isTrigger && !before.has(node.id)) continue;
    const prefix = isTrigger ? "trigger" : `steps.${node.id}`;
    const schema = resolveOperation(manifest, node)?.operation.outputSchema;
    const found: string[] = [];
    collect(schema, prefix, 0, found);
    paths.push(...(found.length > 0 ? found : [prefix]));
  }
  return paths;
}
