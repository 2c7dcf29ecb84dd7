// The simulator's in-memory Sterling: documents in Sterling's JSON form, and the refusals it answers with.
import { z } from "zod";

export type Doc = { [attribute: string]: string | Doc | Doc[] };

export interface SimulatorState {
  orders: Doc[];
  releases: Doc[];
  shipments: Doc[];
  items: Doc[];
  customers: Doc[];
  /** Enterprises, ship nodes and other organizations, with Sterling's role flags (IsEnterprise, IsNode: Y or N). */
  organizations: Doc[];
  nextOrderNo: number;
  /** Source of Createts, Modifyts and StatusDate; tests stop it to make many changes share one timestamp. */
  clock: () => Date;
  /** Sequence behind the keys the simulator mints (OrderHeaderKey, OrderReleaseKey, ShipmentKey). */
  nextKey: number;
}

/** A Sterling timestamp as its APIs print one: to the second, with its offset (the simulator runs in UTC). */
export function timestamp(state: Pick<SimulatorState, "clock">): string {
  return state
    .clock()
    .toISOString()
    .replace(/\.\d{3}Z$/, "+00:00");
}

/**
 * A new primary key. Sterling's keys start with the creation time (yyyyMMddHHmmss + a sequence), so they sort
 * roughly by creation; the simulator's do the same with a strictly growing sequence.
 */
export function mintKey(state: SimulatorState): string {
  const stamp = state.clock().toISOString().replace(/\D/g, "").slice(0, 14);
  return `${stamp}${String(state.nextKey++).padStart(10, "0")}`;
}

/** Marks a document changed, as Sterling's persistence layer does: a new Modifyts and the optimistic Lockid. */
export function touch(doc: Doc, state: Pick<SimulatorState, "clock">): void {
  doc.Modifyts = timestamp(state);
  doc.Lockid = String(Number(text(doc, "Lockid") || "0") + 1);
}

export const docSchema: z.ZodType<Doc> = z.lazy(() =>
  z.record(z.string(), z.union([z.string(), docSchema, z.array(docSchema)])),
);

export class SterlingFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly description: string,
  ) {
    super(description);
  }
}

// YCP0427 and the item description are what real servers answer; the other codes are illustrative stand-ins, since
// Sterling's error code catalogue lives in each installation's database (YFS_ERROR_CODE) rather than in public docs.
export const faults = {
  loginFailed: () => new SterlingFault(401, "YCP0052", "Invalid Login ID or Password"),
  notAuthenticated: () => new SterlingFault(400, "YCP0427", "Cannot invoke API because user is not authenticated."),
  unknownApi: (api: string) => new SterlingFault(404, "YFC0004", `API ${api} is not exposed through REST`),
  badInput: (description: string) => new SterlingFault(400, "YFC0009", description),
  unavailable: () => new SterlingFault(500, "YFC0006", "The system is busy: the database connection pool is exhausted"),
  orderNotFound: () => new SterlingFault(400, "YFS10003", "Order Not Found"),
  duplicateOrder: (orderNo: string) =>
    new SterlingFault(400, "YFS10005", `Order ${orderNo} already exists for this enterprise and document type`),
  itemNotFound: () => new SterlingFault(400, "YFS10006", "Item(Item Id and UOM) does not exist"),
  lineNotFound: (primeLineNo: string) => new SterlingFault(400, "YFS10226", `Order line ${primeLineNo} not found`),
  cannotCancel: (status: string) =>
    new SterlingFault(400, "YFS10143", `The order cannot be cancelled in status ${status}`),
};

/** Parses an API's input document, refusing it as Sterling would refuse a document missing mandatory attributes. */
export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, api: string): z.output<Schema> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw faults.badInput(`${api}: ${issue?.path.join("/") || "input"} ${issue?.message ?? "is invalid"}`);
}

export const attribute = z.string().optional();

/** MaximumRecords as Sterling receives it: a numeric string. */
export const maximumRecords = z
  .string()
  .regex(/^\d+$/, "must be a whole number")
  .optional()
  .transform((value) => (value === undefined ? 5000 : Number(value)));

/** Keeps the documents whose attributes equal every given filter. */
export function filterDocs(docs: Doc[], filters: Record<string, string | undefined>, limit: number): Doc[] {
  const wanted = Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== undefined);
  return docs.filter((doc) => wanted.every(([key, value]) => doc[key] === value)).slice(0, limit);
}

export function text(doc: Doc, key: string): string {
  const value = doc[key];
  return typeof value === "string" ? value : "";
}

export function child(doc: Doc, key: string): Doc | undefined {
  const value = doc[key];
  return value !== undefined && typeof value !== "string" && !Array.isArray(value) ? value : undefined;
}

export function children(doc: Doc | undefined, key: string): Doc[] {
  const value = doc?.[key];
  if (Array.isArray(value)) return value;
  return value !== undefined && typeof value !== "string" ? [value] : [];
}
