// What keeps a flow from starting, in words that name the node and the field, so the designer can mark them.
import { controlOperations, isControlNodeType, nodeTypeFor, type FlowGraph, type FlowNode } from "@/lib/flow-graph";
import { accountNeed } from "@/lib/account-use";
import { findStructureProblems } from "@/lib/flow-structure";
import { isRecord } from "@/lib/is-record";
import { findOperation } from "../connectors";
import type { AnyAction, AnyTrigger, ConnectorDefinition } from "../connectors/sdk";
import { checkTemplates, containsTemplate } from "./expressions";
import { findInputProblems, formatProblem } from "./inputs";
import { nodeName, planExecution, type ExecutionPlan } from "./plan";

const controlNames = { if: "an If", forEach: "a For each", respond: "a Respond" } as const;

function triggerProblems(node: FlowNode): string[] {
  const name = nodeName(node);
  const found = findOperation(node.connectorId, node.operation);
  if (!found) return [`The trigger ${name} names an event that does not exist (${node.connectorId}.${node.operation})`];
  if (found.kind !== "trigger") return [`The trigger ${name} names an action, not an event`];
  // Trigger settings are read when the flow starts, before any data exists, so templates mean nothing there.
  if (containsTemplate(node.inputs)) return [`The trigger ${name} cannot use {{ }} expressions in its settings`];
  const problems = findInputProblems(found.trigger.input, node.inputs, { allowTemplates: false }).map(
    (problem) => `The trigger ${name}: ${formatProblem(problem)}`,
  );
  if (!node.accountId && needsAccount(found.connector, found.trigger, node)) {
    problems.push(`The trigger ${name} needs an account: choose one of your ${found.connector.name} accounts`);
  }
  return problems;
}

/** Whether the node must name an account: the connector's rule, unless the operation says otherwise. */
function needsAccount(connector: ConnectorDefinition, operation: AnyAction | AnyTrigger, node: FlowNode): boolean {
  // Settings with their defaults applied, so a switch left at "on" counts as on; bad settings are reported apart.
  const parsed = operation.input.safeParse(node.inputs);
  const settings = parsed.success && isRecord(parsed.data) ? parsed.data : node.inputs;
  return accountNeed(connector.auth?.accountRequired ?? false, operation.account, settings) === "required";
}

function stepProblems(node: FlowNode): string[] {
  const name = nodeName(node);
  if (node.type === "trigger") return [];
  const namesItsOperation = (type: keyof typeof controlOperations) =>
    node.connectorId === "core" && node.operation === controlOperations[type];
  if (isControlNodeType(node.type) && !namesItsOperation(node.type)) {
    return [`Step ${name} is ${controlNames[node.type]} step but names ${node.connectorId}.${node.operation}`];
  }
  const found = findOperation(node.connectorId, node.operation);
  if (!found) return [`Step ${name} names an action that does not exist (${node.connectorId}.${node.operation})`];
  if (found.kind !== "action") return [`Step ${name} names an event, not an action`];
  const expectedType = nodeTypeFor(node.connectorId, node.operation);
  if (node.type === "action" && expectedType !== "action") {
    return [`Step ${name} must be ${controlNames[expectedType]} step to run ${node.connectorId}.${node.operation}`];
  }
  const problems = checkTemplates(node.inputs, "").map((problem) => `Step ${name}: ${problem}`);
  if (!node.accountId && needsAccount(found.connector, found.action, node)) {
    problems.push(`Step ${name} needs an account: choose one of your ${found.connector.name} accounts`);
  }
  for (const problem of findInputProblems(found.action.input, node.inputs, { allowTemplates: true })) {
    problems.push(`Step ${name}: ${formatProblem(problem)}`);
  }
  return problems;
}

/** Respond answers a waiting caller once: never inside a loop, and at most once on any path through the flow. */
function respondProblems(graph: FlowGraph, plan: ExecutionPlan): string[] {
  const problems: string[] = [];
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  // The most Responds on any path ending at a node; plan order visits every node after its predecessors.
  const responds = new Map<string, number>();
  const ordered = [...(plan.trigger ? [plan.trigger] : []), ...orderedNodes(plan)];
  for (const node of ordered) {
    const before = Math.max(0, ...(plan.incoming.get(node.id) ?? []).map((edge) => responds.get(edge.source) ?? 0));
    const count = before + (node.type === "respond" ? 1 : 0);
    responds.set(node.id, count);
    if (node.type !== "respond") continue;
    if (plan.loopOf.get(node.id)) {
      const loop = byId.get(plan.loopOf.get(node.id) ?? "");
      const loopName = loop ? nodeName(loop) : "a For each";
      problems.push(`Step ${nodeName(node)} responds inside the loop of ${loopName}, which would answer once per item`);
    } else if (count > 1) {
      problems.push(
        `Step ${nodeName(node)} would respond a second time: another Respond already answered on a path leading here`,
      );
    }
  }
  return problems;
}

/** Every node that can run, in plan order (loop bodies after their For each). */
function orderedNodes(plan: ExecutionPlan): FlowNode[] {
  const nodes: FlowNode[] = [];
  const visit = (list: readonly FlowNode[]) => {
    for (const node of list) {
      nodes.push(node);
      if (node.type === "forEach") visit(plan.bodies.get(node.id) ?? []);
    }
  };
  visit(plan.steps);
  return nodes;
}

/** Problems preventing Start, each naming the node (label or id) and the field; empty when the flow can start. */
export function validateGraphForStart(graph: FlowGraph): string[] {
  const plan = planExecution(graph);
  if (!plan.trigger) return ["The flow has no trigger"];
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  const problems = triggerProblems(plan.trigger);
  for (const node of graph.nodes) if (node !== plan.trigger) problems.push(...stepProblems(node));
  for (const { nodeId, message } of findStructureProblems(graph)) {
    const node = byId.get(nodeId);
    if (node) problems.push(`${node.type === "trigger" ? "The trigger" : "Step"} ${nodeName(node)}: ${message}`);
  }
  problems.push(...loopLeakProblems(plan, byId));
  problems.push(...respondProblems(graph, plan));
  for (const node of plan.unreachable) problems.push(`Step ${nodeName(node)} is not connected to the trigger`);
  problems.push(...cycleProblems(plan));
  return problems;
}

/**
 * What keeps the draft from running at all, naming the node: what "Test flow" refuses. Unlike Start it tolerates
 * what only makes a step fail (a missing account, a bad field, an unconnected step): the test shows that failure on
 * the step itself.
 */
export function findRunBlockers(graph: FlowGraph): string[] {
  const plan = planExecution(graph);
  if (!plan.trigger) return ["The flow has no trigger"];
  const problems: string[] = [];
  if (findOperation(plan.trigger.connectorId, plan.trigger.operation)?.kind !== "trigger") {
    problems.push(`The trigger ${nodeName(plan.trigger)} names an event that does not exist`);
  }
  for (const node of graph.nodes) {
    if (node === plan.trigger) continue;
    if (node.type === "trigger") problems.push(`Step ${nodeName(node)} is a second trigger; a flow has one`);
    else if (findOperation(node.connectorId, node.operation)?.kind !== "action") {
      problems.push(
        `Step ${nodeName(node)} names an action that does not exist (${node.connectorId}.${node.operation})`,
      );
    }
  }
  const byId = new Map(graph.nodes.map((node) => [node.id, node]));
  return [...problems, ...loopLeakProblems(plan, byId), ...cycleProblems(plan)];
}

function loopLeakProblems(plan: ExecutionPlan, byId: ReadonlyMap<string, FlowNode>): string[] {
  return plan.loopLeaks.flatMap((edge) => {
    const target = byId.get(edge.target);
    const loop = byId.get(plan.loopOf.get(edge.target) ?? plan.loopOf.get(edge.source) ?? "");
    if (!target) return [];
    return [
      `Step ${nodeName(target)} is both inside the loop of ${loop ? nodeName(loop) : "a For each"} and outside it: ` +
        "steps after a loop connect to the For each's next path",
    ];
  });
}

// "Cycle", not "loop": a For each is the one way to repeat steps.
function cycleProblems(plan: ExecutionPlan): string[] {
  return plan.cyclic.map((node) => `Step ${nodeName(node)} is part of a cycle that leads back to itself`);
}
