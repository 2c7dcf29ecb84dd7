// Sales orders as ADF REST resource items and collections: `fields`, `expand` (lines), `onlyData` (no links), the
// child `lines` as an array under framework 1–2 and as a collection object from 3 on, and the collection's paging
// (`limit` default 25, `offset`, `count`, `hasMore`, `totalResults` on request).
import { parseQuery, QueryError, sortRows } from "./adf-query";
import { keyOf } from "./orders";
import { HEADER_ATTRIBUTES, type SimOrder } from "./state";

export const DEFAULT_LIMIT = 25;
// Fusion caps a page; the exact figure is not documented (500 is the commonly cited one).
export const MAX_LIMIT = 500;

export interface ItemOptions {
  base: string;
  frameworkVersion: number;
  fields?: string[];
  expandLines: boolean;
  onlyData: boolean;
}

function links(href: string, kind: "item" | "collection", name: string, children: Record<string, string> = {}) {
  return [
    { rel: "self", href, name, kind },
    ...(kind === "item" ? [{ rel: "canonical", href, name, kind }] : []),
    ...Object.entries(children).map(([child, childHref]) => ({
      rel: "child",
      href: childHref,
      name: child,
      kind: "collection",
    })),
  ];
}

export function lineItems(order: SimOrder, options: Pick<ItemOptions, "base" | "onlyData">) {
  const href = `${options.base}/${keyOf(order)}/child/lines`;
  return order.lines.map((line) => ({
    ...line,
    ...(options.onlyData ? {} : { links: links(`${href}/${line.FulfillLineId}`, "item", "lines") }),
  }));
}

export function linesCollection(order: SimOrder, options: Pick<ItemOptions, "base" | "onlyData">) {
  const items = lineItems(order, options);
  return {
    items,
    count: items.length,
    hasMore: false,
    limit: DEFAULT_LIMIT,
    offset: 0,
    ...(options.onlyData ? {} : { links: links(`${options.base}/${keyOf(order)}/child/lines`, "collection", "lines") }),
  };
}

export function orderItem(order: SimOrder, options: ItemOptions): Record<string, unknown> {
  const href = `${options.base}/${keyOf(order)}`;
  const { lines: _lines, ...header } = order;
  const attributes: Record<string, unknown> = options.fields
    ? Object.fromEntries(
        options.fields.filter((name) => name in header).map((name) => [name, order[name as keyof SimOrder]]),
      )
    : { ...header };
  if (options.expandLines) {
    attributes.lines = options.frameworkVersion >= 3 ? linesCollection(order, options) : lineItems(order, options);
  }
  if (!options.onlyData)
    attributes.links = links(href, "item", "salesOrdersForOrderHub", { lines: `${href}/child/lines` });
  return attributes;
}

/** Reads `fields` (top-level attributes only); throws QueryError for an attribute the resource does not have. */
export function parseFields(value: string | null): string[] | undefined {
  if (value === null) return undefined;
  const names = value
    .split(/[;,]/)
    .map((name) => name.trim())
    .filter((name) => name && !name.includes(":"));
  const unknown = names.find((name) => !HEADER_ATTRIBUTES.has(name));
  if (unknown) throw new QueryError(`${unknown} is not an attribute of the resource`);
  return names;
}

export function expandsLines(value: string | null): boolean {
  if (value === null) return false;
  return value.split(",").some((name) => ["lines", "all"].includes(name.trim()));
}

/**
 * The resource's documented finder, `finder=PrimaryKey;HeaderId=<id>` (Finds a sales order according to the header
 * identifier); other finder names are refused, as ADF refuses a finder the resource does not declare.
 */
function finderPredicate(value: string | null): ((row: Record<string, unknown>) => boolean) | undefined {
  if (value === null) return undefined;
  const [name = "", variables = ""] = value.split(";", 2);
  if (name !== "PrimaryKey") throw new QueryError(`the finder ${name} is not defined for the resource`);
  const headerId = /^HeaderId=(\d+)$/.exec(variables.trim())?.[1];
  if (!headerId) throw new QueryError("the PrimaryKey finder needs HeaderId=<number>");
  return (row) => String(row.HeaderId) === headerId;
}

function integer(value: string | null, name: string, fallback: number): number {
  if (value === null) return fallback;
  if (!/^\d+$/.test(value)) throw new QueryError(`the ${name} parameter must be a whole number`);
  return Number(value);
}

export function orderCollection(
  orders: SimOrder[],
  params: URLSearchParams,
  options: Omit<ItemOptions, "fields" | "expandLines" | "onlyData">,
  selfHref: string,
) {
  const q = params.get("q");
  const rows = orders.map((order) => ({ order, row: { ...order } as Record<string, unknown> }));
  const predicate = q ? parseQuery(q, options.frameworkVersion, HEADER_ATTRIBUTES) : undefined;
  const finder = finderPredicate(params.get("finder"));
  const matching = rows.filter(({ row }) => (predicate ? predicate(row) : true) && (finder ? finder(row) : true));
  const orderBy = params.get("orderBy");
  const sorted = orderBy
    ? sortRows(
        matching.map(({ order, row }) => ({ ...row, __order: order })),
        orderBy,
        HEADER_ATTRIBUTES,
      ).map((row) => row.__order as SimOrder)
    : matching.map(({ order }) => order);
  const limit = Math.min(integer(params.get("limit"), "limit", DEFAULT_LIMIT), MAX_LIMIT);
  const offset = integer(params.get("offset"), "offset", 0);
  const page = sorted.slice(offset, offset + limit);
  const itemOptions: ItemOptions = {
    ...options,
    fields: parseFields(params.get("fields")),
    expandLines: expandsLines(params.get("expand")),
    onlyData: params.get("onlyData") === "true",
  };
  return {
    items: page.map((order) => orderItem(order, itemOptions)),
    ...(params.get("totalResults") === "true" ? { totalResults: sorted.length } : {}),
    count: page.length,
    hasMore: offset + page.length < sorted.length,
    limit,
    offset,
    ...(itemOptions.onlyData ? {} : { links: links(selfHref, "collection", "salesOrdersForOrderHub") }),
  };
}
