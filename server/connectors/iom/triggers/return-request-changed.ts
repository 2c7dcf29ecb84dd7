// New or changed return request: RMA lists return requests per order only, so each poll reads the orders created
// within the last days (Order 2.0, paged to the end) and then each order's return requests. A request makes one run
// when it first appears and one per change of its status or business status (the run's version).
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { field, pollIntervalField } from "../../sdk";
import { iomAccount, iomAccounts } from "../auth";
import { textList } from "../common";
import { allOrderStates } from "../order-states";
import { readReturnRequests, returnRequest } from "../returns-client";
import { sampleReturnRequestChange } from "./samples";

const MAX_ORDERS = 2_000;

export const returnRequestChangedTrigger = iomAccounts.pollingTrigger({
  key: "returnRequestChanged",
  label: "New or changed return request",
  description: "Starts the flow once for each new return request in IOM and once for each change of its status.",
  group: "Returns",
  kind: "poll",
  intervalSeconds: 300,
  input: z.object({
    createdWithinDays: z
      .number()
      .int()
      .min(1)
      .max(365)
      .default(30)
      .meta(
        field({
          title: "Orders created within (days)",
          description: "Returns of older orders are not followed.",
          order: 1,
        }),
      ),
    statuses: textList(
      "Orders in IOM statuses",
      "Only look at orders in these statuses, e.g. STATE_DISPATCHED, STATE_RETURNED; empty: every order.",
      2,
    ),
    intervalSeconds: pollIntervalField(300),
  }),
  output: z.object({ shopOrderNumber: z.string(), returnRequest, isNew: z.boolean() }),
  businessKey: "{{ trigger.shopOrderNumber }}",
  sample: sampleReturnRequestChange,
  async poll({ input, account: saved, cursor, since, signal }) {
    const account = iomAccount(saved);
    const from = new Date(Date.now() - input.createdWithinDays * 86_400_000).toISOString().slice(0, 10);
    const { orders, truncated } = await allOrderStates(
      account,
      { createdFrom: from, ...(input.statuses.length ? { statuses: input.statuses } : {}) },
      signal,
      { maxOrders: MAX_ORDERS },
    );
    if (truncated) {
      throw new ConfluxError(
        "INPUT_INVALID",
        `More than ${MAX_ORDERS} orders to look through for returns: follow fewer days or name the order statuses`,
      );
    }
    const seen = new Set(z.object({ seen: z.array(z.string()) }).safeParse(cursor).data?.seen ?? []);
    const items = [];
    const nowSeen: string[] = [];
    for (const order of orders) {
      const requests = await readReturnRequests(account, order.shopOrderNumber, signal);
      for (const request of requests) {
        const key = `${order.shopOrderNumber}#${request.id}`;
        nowSeen.push(key);
        const created = request.creationDate ? new Date(request.creationDate) : undefined;
        if (cursor === null && !(since && created && created >= since)) continue;
        items.push({
          dedupeKey: key,
          version: `${request.status ?? ""}/${request.businessStatus ?? ""}`,
          data: { shopOrderNumber: order.shopOrderNumber, returnRequest: request, isNew: !seen.has(key) },
        });
      }
    }
    return { items, nextCursor: { seen: nowSeen } };
  },
});
