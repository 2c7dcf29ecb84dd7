// Sales orders in the simulated Order Management: create (validated against the reference data, Upsert-Mode), change
// (PATCH, SubmittedFlag submits a draft), delete (drafts only) and an order as a resource item. Oracle documents no
// error codes for these checks; the codes here are illustrative.
import { z } from "zod";
import type { ErrorDetail } from "./replies";
import {
  CREATE_ATTRIBUTES,
  LINE_ATTRIBUTES,
  UPDATE_ATTRIBUTES,
  timestamp,
  type SimLine,
  type SimOrder,
  type SimState,
} from "./state";

export class OrderRefusal extends Error {
  constructor(
    readonly status: number,
    readonly details: ErrorDetail[],
  ) {
    super(details.map((detail) => detail.detail).join("; "));
  }
}

const text = z.string().trim().min(1);
const lineSchema = z.object({
  SourceTransactionLineId: text,
  SourceTransactionLineNumber: z.union([z.string(), z.number()]).optional(),
  SourceTransactionScheduleId: z.union([z.string(), z.number()]).optional(),
  SourceScheduleNumber: z.union([z.string(), z.number()]).optional(),
  TransactionCategoryCode: z.string().optional(),
  TransactionLineType: z.string().optional(),
  ProductNumber: text,
  OrderedQuantity: z.number().positive(),
  OrderedUOM: text,
  RequestedFulfillmentOrganizationCode: z.string().optional(),
});
const createSchema = z.object({
  SourceTransactionSystem: text,
  SourceTransactionId: text,
  SourceTransactionNumber: z.string().optional(),
  BusinessUnitName: text,
  BuyingPartyName: text,
  TransactionType: z.string().optional(),
  TransactionalCurrencyCode: z.string().optional(),
  CustomerPONumber: z.string().optional(),
  ShippingInstructions: z.string().optional(),
  PackingInstructions: z.string().optional(),
  RequestedShipDate: z.string().optional(),
  Comments: z.string().optional(),
  SubmittedFlag: z.boolean().optional(),
  lines: z.array(lineSchema).min(1),
});

function refuse(details: ErrorDetail[], status = 400): never {
  throw new OrderRefusal(status, details);
}

function issuesOf(error: z.ZodError, prefix = ""): ErrorDetail[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    const missing = issue.code === "invalid_type" && issue.input === undefined;
    return {
      detail: missing ? `The attribute ${path} is required.` : `The value of the attribute ${path} is not valid.`,
      code: "FOM-000010",
      path: `${prefix}${path}`,
    };
  });
}

function unknownAttributes(body: Record<string, unknown>, allowed: ReadonlySet<string>, prefix = ""): ErrorDetail[] {
  return Object.keys(body)
    .filter((name) => !allowed.has(name))
    .map((name) => ({
      detail: `The attribute ${name} is not valid for the resource.`,
      code: "FOM-000011",
      path: `${prefix}${name}`,
    }));
}

function checkReference(state: SimState, order: z.output<typeof createSchema>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!state.businessUnits.includes(order.BusinessUnitName)) {
    problems.push({
      detail: `The business unit ${order.BusinessUnitName} isn't valid.`,
      code: "FOM-000101",
      path: "BusinessUnitName",
    });
  }
  if (!state.sourceSystems.includes(order.SourceTransactionSystem)) {
    problems.push({
      detail: `The source system ${order.SourceTransactionSystem} isn't set up for order orchestration.`,
      code: "FOM-000102",
      path: "SourceTransactionSystem",
    });
  }
  order.lines.forEach((line, index) => {
    if (!state.items.includes(line.ProductNumber)) {
      problems.push({
        detail: `The item ${line.ProductNumber} doesn't exist.`,
        code: "FOM-000103",
        path: `lines[${index}].ProductNumber`,
      });
    }
    if (!state.unitsOfMeasure.includes(line.OrderedUOM)) {
      problems.push({
        detail: `The unit of measure ${line.OrderedUOM} isn't valid.`,
        code: "FOM-000104",
        path: `lines[${index}].OrderedUOM`,
      });
    }
    const org = line.RequestedFulfillmentOrganizationCode;
    if (org && !state.organizations.includes(org)) {
      problems.push({
        detail: `The organization ${org} isn't valid.`,
        code: "FOM-000105",
        path: `lines[${index}].RequestedFulfillmentOrganizationCode`,
      });
    }
  });
  return problems;
}

export function findBySource(state: SimState, system: string, id: string): SimOrder | undefined {
  return state.orders.find((order) => order.SourceTransactionSystem === system && order.SourceTransactionId === id);
}

export function touch(state: SimState, order: SimOrder): void {
  order.LastUpdateDate = timestamp(state.clock());
}

function submit(state: SimState, order: SimOrder): void {
  order.StatusCode = "OPEN";
  order.SubmittedFlag = true;
  const now = timestamp(state.clock());
  for (const line of order.lines) {
    line.StatusCode = "AWAIT_SHIP";
    line.LastUpdateDate = now;
  }
}

/** Creates an order (or, with Upsert-Mode, updates the one with the same source key); returns it and whether new. */
export function createOrder(state: SimState, raw: unknown, upsert: boolean): { order: SimOrder; created: boolean } {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    refuse([{ detail: "The request body isn't a JSON object.", code: "FOM-000001" }]);
  }
  const body: Record<string, unknown> = { ...raw };
  const unknown = unknownAttributes(body, CREATE_ATTRIBUTES);
  if (Array.isArray(body.lines)) {
    body.lines.forEach((line: unknown, index: number) => {
      if (typeof line === "object" && line !== null) {
        unknown.push(...unknownAttributes({ ...line }, LINE_ATTRIBUTES, `lines[${index}].`));
      }
    });
  }
  if (unknown.length) refuse(unknown);
  const parsed = createSchema.safeParse(body);
  if (!parsed.success) refuse(issuesOf(parsed.error));
  const input = parsed.data;
  const problems = checkReference(state, input);
  if (problems.length) refuse(problems);
  const existing = findBySource(state, input.SourceTransactionSystem, input.SourceTransactionId);
  if (existing && !upsert) {
    refuse([
      {
        detail:
          `A sales order with source order ${input.SourceTransactionId} from source system ` +
          `${input.SourceTransactionSystem} already exists.`,
        code: "FOM-000201",
      },
    ]);
  }
  const now = timestamp(state.clock());
  if (existing) {
    if (existing.StatusCode !== "DOO_DRAFT" && existing.StatusCode !== "OPEN") {
      refuse([
        {
          detail: `The sales order ${existing.OrderNumber} is ${existing.StatusCode} and can't be changed.`,
          code: "FOM-000202",
        },
      ]);
    }
    applyUpdate(state, existing, { ...input, lines: undefined });
    return { order: existing, created: false };
  }
  const order: SimOrder = {
    HeaderId: state.nextHeaderId++,
    OrderNumber: String(state.nextOrderNumber++),
    SourceTransactionNumber: input.SourceTransactionNumber ?? input.SourceTransactionId,
    SourceTransactionSystem: input.SourceTransactionSystem,
    SourceTransactionId: input.SourceTransactionId,
    BusinessUnitName: input.BusinessUnitName,
    BuyingPartyName: input.BuyingPartyName,
    TransactionType: input.TransactionType ?? "Standard Orders",
    TransactionalCurrencyCode: input.TransactionalCurrencyCode ?? "USD",
    CustomerPONumber: input.CustomerPONumber ?? null,
    ShippingInstructions: input.ShippingInstructions ?? null,
    PackingInstructions: input.PackingInstructions ?? null,
    RequestedShipDate: input.RequestedShipDate ?? null,
    Comments: input.Comments ?? null,
    StatusCode: "DOO_DRAFT",
    SubmittedFlag: false,
    OnHoldFlag: false,
    CreationDate: now,
    LastUpdateDate: now,
    lines: input.lines.map((line, index): SimLine => {
      const id = state.nextLineId++;
      return {
        FulfillLineId: id,
        LineId: id,
        LineNumber: index + 1,
        FulfillLineNumber: 1,
        SourceTransactionLineId: line.SourceTransactionLineId,
        SourceTransactionLineNumber: String(line.SourceTransactionLineNumber ?? index + 1),
        SourceTransactionScheduleId: String(line.SourceTransactionScheduleId ?? line.SourceTransactionLineId),
        SourceScheduleNumber: String(line.SourceScheduleNumber ?? 1),
        TransactionCategoryCode: line.TransactionCategoryCode ?? "ORDER",
        ProductNumber: line.ProductNumber,
        OrderedQuantity: line.OrderedQuantity,
        OrderedUOM: line.OrderedUOM,
        RequestedFulfillmentOrganizationCode: line.RequestedFulfillmentOrganizationCode ?? null,
        StatusCode: "CREATED",
        CreationDate: now,
        LastUpdateDate: now,
      };
    }),
  };
  if (input.SubmittedFlag) submit(state, order);
  state.orders.push(order);
  return { order, created: true };
}

function applyUpdate(state: SimState, order: SimOrder, changes: Record<string, unknown>): void {
  for (const name of UPDATE_ATTRIBUTES) {
    const value = changes[name];
    if (value === undefined || name === "SubmittedFlag") continue;
    if (value !== null && typeof value !== "string") {
      refuse([{ detail: `The value of the attribute ${name} is not valid.`, code: "FOM-000010", path: name }]);
    }
    Object.assign(order, { [name]: value });
  }
  if (changes.SubmittedFlag === true && order.StatusCode === "DOO_DRAFT") submit(state, order);
  touch(state, order);
}

export function updateOrder(state: SimState, order: SimOrder, raw: unknown): void {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) {
    refuse([{ detail: "The request body isn't a JSON object.", code: "FOM-000001" }]);
  }
  const body: Record<string, unknown> = { ...raw };
  const unknown = unknownAttributes(body, UPDATE_ATTRIBUTES);
  if (unknown.length) refuse(unknown);
  if (order.StatusCode === "CLOSED" || order.StatusCode === "CANCELED") {
    refuse([
      {
        detail: `The sales order ${order.OrderNumber} is ${order.StatusCode} and can't be changed.`,
        code: "FOM-000202",
      },
    ]);
  }
  applyUpdate(state, order, body);
}

export function deleteOrder(state: SimState, order: SimOrder): void {
  if (order.StatusCode !== "DOO_DRAFT") {
    refuse([
      {
        detail: `You can delete only draft orders; sales order ${order.OrderNumber} is ${order.StatusCode}.`,
        code: "FOM-000203",
      },
    ]);
  }
  state.orders.splice(state.orders.indexOf(order), 1);
}

/** The order key a list gives an order: the source key of its latest version. */
export function keyOf(order: SimOrder): string {
  return `${order.SourceTransactionSystem}:${order.SourceTransactionId}`;
}
