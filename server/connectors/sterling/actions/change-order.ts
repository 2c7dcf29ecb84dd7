// Update order: Sterling's changeOrder, to cancel an order or to modify it (line quantities, cancelled lines, or any
// header attribute through Additional attributes).
//
// Sterling takes no idempotency key. The changes this action makes are absolute (set a quantity, cancel a line or the
// order), so applying them a second time after a crash leaves the order as the first attempt did. The step's
// idempotency key goes in as the ModificationReference, so Sterling's order audit shows which run and step changed
// the order.
import { z } from "zod";
import { field } from "../../sdk";
import { compact, invokeSterling, parseOutput } from "../client";
import {
  additionalAttributesField,
  withAdditionalAttributes,
  checkOrderIdentity,
  optionalText,
  orderIdentity,
  orderIdentityFields,
  orderIdentityOverlaps,
  restAction,
} from "../common";
import { restAccount } from "../account";
import { orderDocument } from "../documents";

const LABEL = "Update order";
const actions = ["MODIFY", "CANCEL"] as const;

const lineChange = z
  .object({
    primeLineNo: z
      .number()
      .int()
      .min(1)
      .meta(field({ title: "Line number", description: "Sterling's PrimeLineNo." })),
    subLineNo: z
      .number()
      .int()
      .min(1)
      .default(1)
      .meta(field({ title: "Sub-line number", placeholder: "1" })),
    action: z
      .enum(actions)
      .default("MODIFY")
      .meta(field({ title: "Change", enumLabels: { MODIFY: "Change the quantity", CANCEL: "Cancel the line" } })),
    quantity: z
      .number()
      .nonnegative()
      .optional()
      .meta(field({ title: "New quantity" })),
  })
  .meta({ title: "Line change" });

const input = z
  .object({
    ...orderIdentityFields,
    action: z
      .enum(actions)
      .default("MODIFY")
      .meta(
        field({ title: "Change", enumLabels: { MODIFY: "Modify the order", CANCEL: "Cancel the order" }, order: 5 }),
      ),
    reasonCode: optionalText("Reason code", 6, "A modification reason code configured in Sterling.", 40),
    reasonText: optionalText("Reason", 7, "Free text recorded in the order's audit.", 100),
    lineChanges: z
      .array(lineChange)
      .max(1000)
      .optional()
      .meta(
        field({
          title: "Line changes",
          description: "Each: the line's number, and the new quantity to change it, or cancel the line.",
          placeholder: '[{ "primeLineNo": 1, "quantity": 1 }]',
          visibleWhen: { field: "action", equals: "MODIFY" },
          order: 8,
        }),
      ),
    additionalAttributes: additionalAttributesField(9, "changeOrder", '{ "CustomerPONo": "PO-42" }', {
      ...orderIdentityOverlaps,
      Action: "action",
      ModificationReasonCode: "reasonCode",
      ModificationReasonText: "reasonText",
    }),
  })
  .superRefine((value, ctx) => {
    checkOrderIdentity(value, ctx);
    const changesNothing = !value.lineChanges?.length && Object.keys(value.additionalAttributes ?? {}).length === 0;
    if (value.action === "MODIFY" && changesNothing) {
      ctx.addIssue({ code: "custom", path: ["lineChanges"], message: "give line changes or additional attributes" });
    }
    for (const [index, change] of (value.lineChanges ?? []).entries()) {
      if (change.action === "MODIFY" && change.quantity === undefined) {
        ctx.addIssue({ code: "custom", path: ["lineChanges", index, "quantity"], message: "is required to modify" });
      }
    }
  });

export const changeOrderAction = restAction({
  key: "changeOrder",
  label: LABEL,
  description: "Cancels an order, or changes its line quantities and attributes (Sterling changeOrder).",
  group: "Orders",
  input,
  output: orderDocument,
  async run({ input, ctx }) {
    const account = restAccount(ctx.account);
    const lines = input.action === "MODIFY" ? (input.lineChanges ?? []) : [];
    const document = await invokeSterling(
      account,
      "changeOrder",
      withAdditionalAttributes(
        {
          ...orderIdentity(input),
          Action: input.action,
          ModificationReasonCode: input.reasonCode,
          ModificationReasonText: input.reasonText,
          ModificationReference: ctx.idempotencyKey,
          OrderLines:
            lines.length === 0
              ? undefined
              : {
                  OrderLine: lines.map((change) =>
                    compact({
                      PrimeLineNo: String(change.primeLineNo),
                      SubLineNo: String(change.subLineNo),
                      Action: change.action,
                      OrderedQty: change.quantity === undefined ? undefined : String(change.quantity),
                    }),
                  ),
                },
        },
        input.additionalAttributes,
        ctx.log,
      ),
      { signal: ctx.signal },
    );
    return parseOutput(orderDocument, document, "changeOrder");
  },
});
