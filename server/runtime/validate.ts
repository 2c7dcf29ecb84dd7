// What keeps a flow from starting, in words that name the node and the field, so the designer can mark them.
import type { FlowGraph, FlowNode } from "@/lib/flow-graph";
import { findOperation } from "../connectors";
import { checkTemplates, containsTemplate } from "./expressions";
import { findInputProblems, formatProblem } from "./inputs";
import { nodeName, planExecution } from "./plan";

const laterNodeTypes: Partial<Record<FlowNode["type"], string>> = { if: "an If", forEach: "a For each", respond: "a Respond" };

function triggerProblems(node: FlowNode): string[] {
  const name = nodeName(node);
  const found = findOperation(node.connectorId, node.operation);
  if (!found) return [`The trigger ${name} names an event that does not exist (${node.connectorId}.${node.operation})`];
  if (found.kind !== "trigger") return [`The trigger ${name} names an action, not an event`];
  // Trigger settings are read when the flow starts, before any data exists, so templates mean nothing there.
  if (containsTemplate(node.inputs)) return [`The trigger ${name} cannot use {{ }} expressions in its settings`];
  return findInputProblems(found.trigger.input, node.inputs, { allowTemplates: false }).map(
    (problem) => `The trigger ${name}: ${formatProblem(problem)}`,
  );
}

function stepProblems(node: FlowNode, graph: FlowGraph): string[] {
  const name = nodeName(node);
  const later = laterNodeTypes[node.type];
  if (later) return [`Step ${name} is ${later} step, which Conflux cannot run yet`];
  if (node.type === "trigger") return [];
  const found = findOperation(node.connectorId, node.operation);
  if (!found) return [`Step ${name} names an action that does not exist (${node.connectorId}.${node.operation})`];
  if (found.kind !== "action") return [`Step ${name} names an event, not an action`];
  const problems = checkTemplates(node.inputs, "").map((problem) => `Step ${name}: ${problem}`);
  if (found.connector.auth?.accountRequired && !node.accountId) {
    problems.push(`Step ${name} needs an account: choose one of your ${found.connector.name} accounts`);
  }
  for (const problem of findInputProblems(found.action.input, node.inputs, { allowTemplates: true })) {
    problems.push(`Step ${name}: ${formatProblem(problem)}`);
  }
  if (graph.edges.some((edge) => edge.source === node.id && edge.sourceHandle !== "next")) {
    problems.push(`Step ${name} has an error path, which Conflux cannot run yet`);
  }
  return problems;
}

/** Problems preventing Start, each naming the node (label or id) and the field; empty when the flow can start. */
export function validateGraphForStart(graph: FlowGraph): string[] {
  const plan = planExecution(graph);
  if (!plan.trigger) return ["The flow has no trigger"];
  const problems = triggerProblems(plan.trigger);
  for (const node of graph.nodes) if (node !== plan.trigger) problems.push(...stepProblems(node, graph));
  for (const node of plan.unreachable) problems.push(`Step ${nodeName(node)} is not connected to the trigger`);
  for (const node of plan.cyclic) problems.push(`Step ${nodeName(node)} is part of a loop`);
  return problems;
}
