// The designer's undo history as pure functions over graphs, so it can be tested without a browser or a store.
import type { FlowGraph, FlowNode } from "@/lib/flow-graph";

export const HISTORY_LIMIT = 100;
/** Edits of the same thing closer together than this become one undo step (typing, arrow-key moves; a drag is one edit). */
export const COALESCE_MS = 500;

export interface History {
  past: FlowGraph[];
  future: FlowGraph[];
  /** What the latest edit changed and when, to merge a burst of edits to the same field into one step. */
  lastKey: string | null;
  lastAt: number;
}

export const emptyHistory = (): History => ({ past: [], future: [], lastKey: null, lastAt: 0 });

/**
 * Names what an edit changed when it touched one field of the same node(s) and nothing else, e.g.
 * `http_request_1:inputs.url` or `a,b:position`; null for structural edits (adding, removing, connecting), which
 * always get their own undo step.
 */
export function editKey(before: FlowGraph, after: FlowGraph): string | null {
  if (before.edges !== after.edges || before.nodes.length !== after.nodes.length) return null;
  const changedIds: string[] = [];
  const fields = new Set<string>();
  for (const [index, node] of after.nodes.entries()) {
    const old = before.nodes[index];
    if (old === node) continue;
    if (!old || old.id !== node.id) return null;
    changedIds.push(node.id);
    for (const field of changedFields(old, node)) fields.add(field);
  }
  if (changedIds.length === 0 || fields.size !== 1) return null;
  return `${changedIds.join(",")}:${[...fields][0]}`;
}

function changedFields(old: FlowNode, node: FlowNode): string[] {
  const keys = new Set([...Object.keys(old), ...Object.keys(node)] as (keyof FlowNode)[]);
  const fields: string[] = [];
  for (const key of keys) {
    if (old[key] === node[key]) continue;
    if (key === "inputs") {
      const names = new Set([...Object.keys(old.inputs), ...Object.keys(node.inputs)]);
      for (const name of names) if (old.inputs[name] !== node.inputs[name]) fields.push(`inputs.${name}`);
    } else if (key === "position" && old.position.x === node.position.x && old.position.y === node.position.y) {
      continue;
    } else {
      fields.push(key);
    }
  }
  return fields;
}

/** Records that `before` became `after` at time `now`; a quick repeat of the same field edit joins the last step. */
export function record(history: History, before: FlowGraph, after: FlowGraph, now: number): History {
  const key = editKey(before, after);
  const joins =
    key !== null && key === history.lastKey && now - history.lastAt < COALESCE_MS && history.past.length > 0;
  const past = joins ? history.past : [...history.past, before].slice(-HISTORY_LIMIT);
  return { past, future: [], lastKey: key, lastAt: now };
}

export function undo(history: History, current: FlowGraph): { history: History; graph: FlowGraph } | null {
  const previous = history.past.at(-1);
  if (!previous) return null;
  return {
    graph: previous,
    history: { past: history.past.slice(0, -1), future: [current, ...history.future], lastKey: null, lastAt: 0 },
  };
}

export function redo(history: History, current: FlowGraph): { history: History; graph: FlowGraph } | null {
  const next = history.future[0];
  if (!next) return null;
  return {
    graph: next,
    history: {
      past: [...history.past, current].slice(-HISTORY_LIMIT),
      future: history.future.slice(1),
      lastKey: null,
      lastAt: 0,
    },
  };
}
