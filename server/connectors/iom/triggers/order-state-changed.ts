// Order state changed: polls Order 2.0's order states (orders created within the last days, page by page to the
// end) and starts the flow once per change of an order's status or of any of its positions' statuses.
//
// Order 2.0 cannot search by "changed since", so the cursor remembers each order's statuses. A change makes one run
// whose version counts that order's changes: a status that returns to an earlier value (A → B → A) is a new change,
// and a repeated poll from the same cursor (a worker died before saving it) yields the same versions, which the
// runtime drops as duplicates.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { field, pollIntervalField, type JsonValue } from "../../sdk";
import { iomAccount, iomAccounts } from "../auth";
import {
  allOrderStates,
  describedOrder,
  describeOrder,
  icmStatus,
  positionsOf,
  type OrderState,
} from "../order-states";
import { textList } from "../common";
import { sampleOrderStateChange } from "./samples";

const LABEL = "Order state changed";
const MAX_ORDERS = 10_000;

const cursorSchema = z.object({ orders: z.record(z.string(), z.tuple([z.string(), z.number()])) });
type Seen = z.output<typeof cursorSchema>["orders"];

const positionChange = z.object({
  number: z.number().nullable(),
  productNumber: z.string(),
  previousStatus: z.string().nullable(),
  status: z.string(),
  icmStatus: z.string().nullable(),
});

export const orderStateChange = describedOrder.extend({
  previousStatus: z.string().nullable(),
  previousIcmStatus: z.string().nullable(),
  orderStatusChanged: z.boolean(),
  changedPositions: z.array(positionChange),
});

/** The statuses a change is judged by, as one comparable string: the order's, then its positions' by number. */
function signature(order: OrderState): string {
  const positions = positionsOf(order).map(
    (position) => `${position.number ?? position.productNumber}=${position.status}`,
  );
  return JSON.stringify([order.status, positions]);
}

function parseSignature(text: string): { status: string | null; positions: Map<string, string> } {
  const parsed = z.tuple([z.string(), z.array(z.string())]).safeParse(JSON.parse(text));
  if (!parsed.success) return { status: null, positions: new Map() };
  const entries = parsed.data[1].map((entry) => {
    const at = entry.lastIndexOf("=");
    return [entry.slice(0, at), entry.slice(at + 1)] as const;
  });
  return { status: parsed.data[0], positions: new Map(entries) };
}

function change(order: OrderState, before: string | undefined) {
  const previous = before ? parseSignature(before) : { status: null, positions: new Map<string, string>() };
  const changedPositions = positionsOf(order)
    .map((position) => ({
      number: position.number,
      productNumber: position.productNumber,
      previousStatus: previous.positions.get(String(position.number ?? position.productNumber)) ?? null,
      status: position.status,
      icmStatus: position.icmStatus,
    }))
    .filter((position) => position.previousStatus !== position.status);
  return {
    ...describeOrder(order),
    previousStatus: previous.status,
    previousIcmStatus: previous.status ? icmStatus(previous.status) : null,
    orderStatusChanged: previous.status !== order.status,
    changedPositions,
  };
}

export const orderStateChangedTrigger = iomAccounts.pollingTrigger({
  key: "orderStateChanged",
  label: LABEL,
  description:
    "Starts the flow once each time the status of an order, or of one of its positions, changes in IOM, with the " +
    "ICM status and the payment state.",
  group: "Order state",
  kind: "poll",
  intervalSeconds: 60,
  input: z.object({
    createdWithinDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(30)
      .meta(
        field({ title: "Orders created within (days)", description: "Older orders are no longer followed.", order: 1 }),
      ),
    statuses: textList("Only these IOM statuses", "e.g. STATE_DISPATCHED; empty: every status.", 2),
    intervalSeconds: pollIntervalField(60),
  }),
  output: orderStateChange,
  businessKey: "{{ trigger.shopOrderNumber }}",
  sample: sampleOrderStateChange,
  async poll({ input, account: saved, cursor, since, signal }) {
    const account = iomAccount(saved);
    const from = new Date(Date.now() - input.createdWithinDays * 86_400_000).toISOString().slice(0, 10);
    const { orders, truncated } = await allOrderStates(account, { createdFrom: from }, signal, {
      maxOrders: MAX_ORDERS,
    });
    if (truncated) {
      throw new ConfluxError(
        "INPUT_INVALID",
        `IOM has more than ${MAX_ORDERS} orders created within ${input.createdWithinDays} days: follow fewer days`,
      );
    }
    const first = cursor === null;
    const seen: Seen = first ? {} : (cursorSchema.safeParse(cursor).data?.orders ?? {});
    const next: Seen = {};
    const items = [];
    for (const order of orders) {
      const now = signature(order);
      const before = seen[order.shopOrderNumber];
      const count = before?.[1] ?? 0;
      const changed = first
        ? since !== null && new Date(order.shopOrderCreationDate) >= since
        : before === undefined || before[0] !== now;
      next[order.shopOrderNumber] = changed ? [now, count + 1] : [now, count];
      const wanted = !input.statuses.length || input.statuses.includes(order.status);
      if (changed && wanted) {
        items.push({
          dedupeKey: order.shopOrderNumber,
          version: `${count + 1}:${now}`,
          data: change(order, before?.[0]),
        });
      }
    }
    const nextCursor: JsonValue = { orders: next };
    return { items, nextCursor };
  },
});
