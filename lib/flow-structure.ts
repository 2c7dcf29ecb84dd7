// The shape rules of a flow's edges and settings that need no connector knowledge: which paths each kind of node may
// have and must have. Both the designer (markers on nodes, as the user edits) and Start (server/runtime/validate.ts)
// check them, so the two always agree.
import { handlesByNodeType, stepSettingsOf, type FlowGraph, type NodeType } from "./flow-graph";

export interface StructureProblem {
  nodeId: string;
  /** Reads on its own and after "Step "name": ". */
  message: string;
}

const kindNames: Record<NodeType, string> = {
  trigger: "the trigger",
  action: "an action",
  if: "an If",
  forEach: "a For each",
  respond: "a Respond",
};

export function findStructureProblems(graph: FlowGraph): StructureProblem[] {
  const problems: StructureProblem[] = [];
  for (const node of graph.nodes) {
    const add = (message: string) => problems.push({ nodeId: node.id, message });
    const handles = new Set(graph.edges.filter((edge) => edge.source === node.id).map((edge) => edge.sourceHandle));
    const allowed = handlesByNodeType[node.type];
    for (const handle of handles) {
      if (!allowed.includes(handle)) {
        const names = allowed.map((name) => `"${name}"`).join(" or ");
        add(`${capitalize(kindNames[node.type])} cannot have a "${handle}" path (only ${names})`);
      }
    }
    if (node.type === "if" && !handles.has("true") && !handles.has("false")) {
      add("An If needs a true or a false path");
    }
    if (node.type === "forEach" && !handles.has("each")) {
      add('A For each needs an "each" path: the steps to run for every item');
    }
    if (node.type === "action") {
      const { onError } = stepSettingsOf(node);
      if (onError === "branch" && !handles.has("error")) {
        add("On error is set to take the error path, but no error path is connected");
      }
      if (onError !== "branch" && handles.has("error")) {
        add("An error path is connected, but On error is not set to take it");
      }
    } else if (node.settings && Object.keys(node.settings).length > 0) {
      add("Retry and error settings apply to actions only");
    }
  }
  return problems;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
