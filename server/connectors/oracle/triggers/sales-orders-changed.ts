// New or updated sales orders, by polling, for hosts Oracle's business events cannot reach. Each poll reads the
// orders whose LastUpdateDate is at or after the cursor less an overlap window, oldest first, in keyset pages
// (LastUpdateDate, then HeaderId) until Oracle's hasMore says it is all, so an order that changes while the pages are
// read moves behind the reader instead of shifting an offset past another order. The cursor keeps the newest
// LastUpdateDate read and the versions already seen inside the overlap window: an order committed late with an
// earlier timestamp is still found, and one already run is not run again (the runtime also drops a repeated key and
// version, e.g. after a worker died before saving the cursor).
import { z } from "zod";
import { field, pollIntervalField, type JsonValue } from "../../sdk";
import { oracleAccount, oracleAccounts, type OracleAccount } from "../auth";
import { callOracle, readBody } from "../client";
import { sourceOrderKey } from "../order-key";
import { allOf, equalsClause, inClause, quote } from "../query";
import { collectionSchema, describedOrder, describeOrder, type SalesOrder } from "../sales-orders";
import { sampleSalesOrder } from "./samples";

const LABEL = "New or updated sales orders";
export const PAGE_SIZE = 100;
export const DEFAULT_OVERLAP_SECONDS = 120;

const cursorSchema = z.object({ since: z.string(), seen: z.array(z.string()).default([]) });

const list = (title: string, description: string, order: number) =>
  z
    .union([z.array(z.string()), z.string()])
    .optional()
    .transform((value) =>
      (typeof value === "string" ? value.split(/[\n,]/) : (value ?? [])).map((item) => item.trim()).filter(Boolean),
    )
    .meta(field({ title, description, order }));

const input = z.object({
  businessUnitName: z
    .string()
    .trim()
    .optional()
    .meta(field({ title: "Business unit", description: "Only orders of this business unit; empty: all.", order: 1 })),
  sourceSystem: z
    .string()
    .trim()
    .optional()
    .meta(field({ title: "Source system", description: "Only orders from this source system; empty: all.", order: 2 })),
  statusCodes: list("Statuses", "e.g. OPEN, CLOSED; empty: every status.", 3),
  overlapSeconds: z
    .number()
    .int()
    .min(0)
    .max(3600)
    .default(DEFAULT_OVERLAP_SECONDS)
    .meta(
      field({
        title: "Overlap (seconds)",
        description: "Each poll looks this far back again, for orders whose change was committed late.",
        order: 4,
      }),
    ),
  intervalSeconds: pollIntervalField(60),
});

type Input = z.output<typeof input>;

function filterOf(input: Input): string | undefined {
  return allOf(
    equalsClause("BusinessUnitName", input.businessUnitName || undefined),
    equalsClause("SourceTransactionSystem", input.sourceSystem || undefined),
    inClause("StatusCode", input.statusCodes),
  );
}

const versionOf = (order: SalesOrder) => `${order.HeaderId}@${order.LastUpdateDate ?? ""}`;

async function page(
  account: OracleAccount,
  q: string | undefined,
  signal: AbortSignal,
  orderBy: string,
  limit: number,
) {
  const response = await callOracle(account, {
    method: "GET",
    path: "",
    query: { q, orderBy, expand: "lines", onlyData: "true", limit, offset: 0 },
    what: "the changed sales orders",
    signal,
  });
  return readBody(collectionSchema, response, account, "the changed sales orders");
}

/** Orders changed at or after `from`, oldest first, every keyset page until hasMore is false. */
export async function changedOrders(
  account: OracleAccount,
  filter: string | undefined,
  from: string,
  signal: AbortSignal,
) {
  const orders: SalesOrder[] = [];
  let after: SalesOrder | undefined;
  for (;;) {
    const position = after
      ? `(LastUpdateDate>${quote(after.LastUpdateDate ?? from)}) or ` +
        `(LastUpdateDate=${quote(after.LastUpdateDate ?? from)} and HeaderId>${after.HeaderId})`
      : `LastUpdateDate>=${quote(from)}`;
    const found = await page(account, allOf(position, filter), signal, "LastUpdateDate:asc,HeaderId:asc", PAGE_SIZE);
    orders.push(...found.items);
    after = found.items.at(-1) ?? after;
    if (!(found.hasMore ?? found.items.length >= PAGE_SIZE) || found.items.length === 0) return orders;
  }
}

export const salesOrdersChangedTrigger = oracleAccounts.pollingTrigger({
  key: "salesOrdersChanged",
  label: LABEL,
  description:
    "Starts the flow once for every new sales order and every change of one, by asking Oracle for orders updated " +
    "since the last check: for Conflux servers Oracle's business events cannot reach.",
  group: "Sales orders",
  kind: "poll",
  intervalSeconds: 60,
  input,
  output: describedOrder.extend({ IsNew: z.boolean() }),
  businessKey: "{{ trigger.OrderNumber }}",
  sample: { ...sampleSalesOrder, IsNew: true },
  async poll({ input, account: saved, cursor, since, signal }) {
    const account = oracleAccount(saved);
    const filter = filterOf(input);
    const previous = cursor === null ? undefined : cursorSchema.safeParse(cursor).data;
    if (!previous && since === null) {
      // "From now": remember the newest change Oracle has, in Oracle's own clock, and run nothing.
      // Unfiltered, so that the mark is Oracle's time even when no order matches yet; with no orders at all, every
      // order that appears later is new.
      const newest = await page(account, undefined, signal, "LastUpdateDate:desc,HeaderId:desc", 1);
      const mark = newest.items[0]?.LastUpdateDate ?? new Date(0).toISOString();
      const nextCursor: JsonValue = { since: mark, seen: newest.items.map(versionOf) };
      return { items: [], nextCursor };
    }
    const overlapMs = input.overlapSeconds * 1000;
    const anchor = previous ? Date.parse(previous.since) : (since ?? new Date()).getTime();
    const from = new Date(previous ? anchor - overlapMs : anchor).toISOString();
    const seen = new Set(previous?.seen ?? []);
    const orders = await changedOrders(account, filter, from, signal);
    const items = orders
      .filter((order) => !seen.has(versionOf(order)))
      .map((order) => ({
        dedupeKey: sourceOrderKey(order.SourceTransactionSystem, order.SourceTransactionId),
        version: order.LastUpdateDate ?? undefined,
        data: {
          ...describeOrder(order),
          IsNew: order.CreationDate !== null && order.CreationDate === order.LastUpdateDate,
        },
      }));
    const newest = orders.reduce((max, order) => Math.max(max, Date.parse(order.LastUpdateDate ?? "") || 0), anchor);
    // Keep what was seen inside the next poll's overlap window, so nothing in it runs twice.
    const windowStart = newest - overlapMs;
    const keep = [...seen, ...orders.map(versionOf)].filter((version) => {
      const at = Date.parse(version.slice(version.indexOf("@") + 1));
      return !Number.isNaN(at) && at >= windowStart;
    });
    const nextCursor: JsonValue = { since: new Date(newest).toISOString(), seen: [...new Set(keep)] };
    return { items, nextCursor };
  },
});
