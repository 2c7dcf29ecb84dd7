// The JSONata syntax tree as the If condition reader reads it: only the node types and keys it knows, so any part of
// an expression it does not understand makes the whole node unreadable instead of being skipped over.
import jsonata from "jsonata";

// JSONata's typings leave node fields as `any` (and lack "path"); nodes are read as plain records and narrowed.
export type Ast = { type: string; value?: unknown; position?: unknown } & Record<string, unknown>;

// The only node types the reader knows, each with the only keys it reads. JSONata marks what else an expression does
// with extra keys on the same node (a predicate `(p)[0]`, a group-by `p{...}`, a focus `@$x`, an index `#$i`, a
// keep-array `[]`, a parent `%`); a node with any other key, or of any other type, is not read, so the condition
// stays in the advanced editor rather than becoming rows that mean something else.
const KNOWN_KEYS: Record<string, ReadonlySet<string>> = {
  path: new Set(["steps"]),
  name: new Set(["value", "stages"]),
  filter: new Set(["expr"]),
  block: new Set(["expressions"]),
  binary: new Set(["value", "lhs", "rhs"]),
  function: new Set(["value", "arguments", "procedure"]),
  variable: new Set(["value"]),
  number: new Set(["value"]),
  string: new Set(["value"]),
  value: new Set(["value"]),
};

export function asNode(value: unknown): Ast | undefined {
  if (
    typeof value !== "object" ||
    value === null ||
    Array.isArray(value) ||
    !("type" in value) ||
    typeof value.type !== "string"
  )
    return undefined;
  const known = KNOWN_KEYS[value.type];
  if (!known) return undefined;
  for (const [key, entry] of Object.entries(value)) {
    // The parser leaves some keys present but undefined (a function call's `name`).
    if (key !== "type" && key !== "position" && entry !== undefined && !known.has(key)) return undefined;
  }
  return { ...value, type: value.type };
}

export function child(node: Ast, key: string): Ast | undefined {
  return asNode(node[key]);
}

/** The nodes under `key`; none at all when any one of them is not a node the reader knows. */
export function children(node: Ast, key: string): Ast[] {
  const list = node[key];
  if (!Array.isArray(list)) return [];
  const nodes = list.map(asNode);
  return nodes.every((entry) => entry !== undefined) ? nodes : [];
}

/**
 * Parentheses parse as a block of one expression; they change nothing here (a block with a predicate or a group-by
 * is not a node the reader knows, so it never gets this far).
 */
export function unwrap(node: Ast): Ast {
  let current = node;
  for (;;) {
    const expressions = current.type === "block" ? children(current, "expressions") : [];
    if (expressions.length !== 1 || !expressions[0]) return current;
    current = expressions[0];
  }
}

export function callOf(node: Ast, name: string, arity: number): Ast[] | undefined {
  const inner = unwrap(node);
  const procedure = child(inner, "procedure");
  if (inner.type !== "function" || procedure?.type !== "variable" || procedure.value !== name) return undefined;
  const args = children(inner, "arguments");
  return args.length === arity ? args : undefined;
}

export function binaryOf(node: Ast, operator: string): [Ast, Ast] | undefined {
  const inner = unwrap(node);
  const lhs = child(inner, "lhs");
  const rhs = child(inner, "rhs");
  return inner.type === "binary" && inner.value === operator && lhs && rhs ? [lhs, rhs] : undefined;
}

/** The tree of a JSONata expression; "syntax" when it does not parse, undefined when its root is not a known node. */
export function readAst(source: string): Ast | undefined | "syntax" {
  try {
    return asNode(jsonata(source).ast());
  } catch {
    return "syntax";
  }
}
