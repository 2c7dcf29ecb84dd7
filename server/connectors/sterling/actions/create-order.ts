// Create order: Sterling's createOrder with the header, lines and addresses a flow usually maps from another system.
//
// Sterling takes no idempotency key, but it refuses a second order with the same number in one enterprise and
// document type. So a step without an order number gets one derived from its idempotency key (the same on every
// re-delivery of the step): if the step runs again after its order was created but before the run recorded it, the
// second createOrder is refused, and the order the first attempt made is read back and returned instead. With the
// user's own order number the same holds when the order found has this step's lines.
import { createHash } from "node:crypto";
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { field, type Logger } from "../../sdk";
import type { SterlingRestAccount } from "../account";
import { compact, invokeSterling, parseOutput, type SterlingDocument } from "../client";
import {
  additionalAttributesField,
  withAdditionalAttributes,
  documentTypeField,
  optionalText,
  requiredEnterpriseCodeField,
  restAction,
} from "../common";
import { restAccount } from "../account";
import { orderDocument } from "../documents";
import { orderLine } from "../order-lines";

const LABEL = "Create order";

const line = orderLine
  .extend({
    shipNode: z
      .string()
      .trim()
      .max(40)
      .optional()
      .meta(field({ title: "Ship node" })),
  })
  .meta({ title: "Line" });

const text = (title: string, max: number) => z.string().max(max).optional().meta(field({ title }));

const person = z.object({
  firstName: text("First name", 64),
  lastName: text("Last name", 64),
  addressLine1: text("Address line 1", 70),
  addressLine2: text("Address line 2", 70),
  city: text("City", 35),
  state: text("State", 35),
  zipCode: text("ZIP code", 35),
  country: text("Country", 40),
  email: text("E-mail", 150),
  dayPhone: text("Day phone", 40),
});

/**
 * Order header attributes of createOrder that the form does not ask for, as IBM's createOrder examples and its
 * WebSphere Commerce mapping use them (IBM support swg21683212; HCL Commerce "Transfer order").
 */
const createOrderAttributes = [
  { name: "OrderType", description: "The order type configured in Sterling, e.g. ShipToHome" },
  { name: "EntryType", description: "The order entry type configured in Sterling, e.g. STORE" },
  { name: "DraftOrderFlag", description: "Y creates a draft order; N (the default) a confirmed one" },
  { name: "OrderDate", description: "When the order was placed (ISO date and time)" },
  { name: "ReqDeliveryDate", description: "The requested delivery date" },
  { name: "BuyerUserId", description: "The customer's user id" },
  { name: "IsShipAsComplete", description: "Y ships the order only when every line can ship" },
  { name: "BypassPricing", description: "Y keeps the prices given instead of pricing the order in Sterling" },
];

const input = z.object({
  enterpriseCode: requiredEnterpriseCodeField(1),
  documentType: documentTypeField(2),
  orderNo: optionalText(
    "Order number",
    3,
    "Usually the number from the ordering system. Left empty, Conflux derives one from the run, so a step that " +
      "runs again cannot create the order twice.",
    40,
  ),
  sellerOrganizationCode: optionalText("Seller organization", 4, undefined, 40),
  customerEmail: optionalText("Customer e-mail", 5, undefined, 150),
  currency: optionalText("Currency", 6, "ISO code, e.g. USD.", 40),
  lines: z
    .array(line)
    .min(1)
    .max(1000)
    .meta(
      field({
        title: "Order lines",
        description:
          "At least one line. Or map the whole list from data, e.g. a JSONata expression over the trigger's items.",
        placeholder: '[{ "itemId": "SKU-1", "quantity": 2, "unitPrice": 19.99 }]',
        order: 7,
      }),
    ),
  shipTo: person.optional().meta(
    field({
      title: "Ship-to address",
      order: 8,
    }),
  ),
  additionalAttributes: additionalAttributesField(
    9,
    "createOrder",
    '{ "OrderType": "ShipToHome" }',
    {
      EnterpriseCode: "enterpriseCode",
      DocumentType: "documentType",
      OrderNo: "orderNo",
      SellerOrganizationCode: "sellerOrganizationCode",
      CustomerEMailID: "customerEmail",
    },
    createOrderAttributes,
  ),
});

function personInfo(value: z.output<typeof person> | undefined): SterlingDocument | undefined {
  if (!value) return undefined;
  const document = compact({
    FirstName: value.firstName,
    LastName: value.lastName,
    AddressLine1: value.addressLine1,
    AddressLine2: value.addressLine2,
    City: value.city,
    State: value.state,
    ZipCode: value.zipCode,
    Country: value.country,
    EMailID: value.email,
    DayPhone: value.dayPhone,
  });
  return Object.keys(document).length > 0 ? document : undefined;
}

/** 20 characters, well inside Sterling's 40 for an order number, and the same for every attempt of one step. */
export function derivedOrderNo(idempotencyKey: string): string {
  return `CFX${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 17).toUpperCase()}`;
}

function orderInput(value: z.output<typeof input>, orderNo: string, log: Logger): SterlingDocument {
  return withAdditionalAttributes(
    {
      EnterpriseCode: value.enterpriseCode,
      DocumentType: value.documentType,
      OrderNo: orderNo,
      SellerOrganizationCode: value.sellerOrganizationCode,
      CustomerEMailID: value.customerEmail,
      PriceInfo: value.currency ? { Currency: value.currency } : undefined,
      PersonInfoShipTo: personInfo(value.shipTo),
      OrderLines: {
        OrderLine: value.lines.map((entry, index) =>
          compact({
            PrimeLineNo: String(index + 1),
            SubLineNo: "1",
            OrderedQty: String(entry.quantity),
            ShipNode: entry.shipNode,
            Item: { ItemID: entry.itemId, UnitOfMeasure: entry.unitOfMeasure },
            LinePriceInfo:
              entry.unitPrice === undefined ? undefined : { UnitPrice: String(entry.unitPrice), IsPriceLocked: "Y" },
          }),
        ),
      },
    },
    value.additionalAttributes,
    log,
  );
}

const output = orderDocument.extend({
  alreadyExisted: z.boolean().meta({
    title: "Already existed",
    description: "The order was not created now: an earlier attempt of this step had created it, and it was read back.",
  }),
});

/** The order as getOrderDetails returns it, with its lines, or undefined when Sterling has none by that identity. */
async function findOrder(
  account: SterlingRestAccount,
  identity: SterlingDocument,
  signal: AbortSignal,
): Promise<z.output<typeof orderDocument> | undefined> {
  const document = await invokeSterling(account, "getOrderDetails", identity, { signal }).catch(() => undefined);
  return document ? parseOutput(orderDocument, document, "getOrderDetails") : undefined;
}

/**
 * A user's own order number proves nothing by itself (another flow may have used it), so the order found must also
 * be this step's: the same lines, item for item and quantity for quantity.
 */
function sameLines(order: z.output<typeof orderDocument>, lines: z.output<typeof input>["lines"]): boolean {
  const found = order.OrderLines?.OrderLine ?? [];
  if (found.length !== lines.length) return false;
  return lines.every((line, index) => {
    const other = found.find((candidate) => candidate.PrimeLineNo === String(index + 1));
    return other?.Item?.ItemID === line.itemId && Number(other.OrderedQty) === line.quantity;
  });
}

export const createOrderAction = restAction({
  key: "createOrder",
  label: LABEL,
  description: "Creates an order with its lines and ship-to address (Sterling createOrder).",
  group: "Orders",
  input,
  output,
  async run({ input, ctx }) {
    const account = restAccount(ctx.account);
    const orderNo = input.orderNo || derivedOrderNo(ctx.idempotencyKey);
    try {
      const document = await invokeSterling(account, "createOrder", orderInput(input, orderNo, ctx.log), {
        signal: ctx.signal,
      });
      return { ...parseOutput(orderDocument, document, "createOrder"), alreadyExisted: false };
    } catch (error) {
      // A refusal of the login or a failure that will be retried says nothing about the order, so only Sterling's
      // refusals of the order qualify for reading it back.
      const status = error instanceof RemoteError && !error.retryable ? error.status : undefined;
      if (status === undefined || status === 401 || status === 403) throw error;
      const identity = { OrderNo: orderNo, EnterpriseCode: input.enterpriseCode, DocumentType: input.documentType };
      // The refusal explains more than a failed look-up would, so a look-up that fails leaves it standing.
      const existing = await findOrder(account, identity, ctx.signal);
      // A number derived from this step's key is this step's own; a user's number must also match the lines.
      if (!existing || (input.orderNo && !sameLines(existing, input.lines))) throw error;
      ctx.log.info(`Order ${orderNo} already exists: an earlier attempt of this step created it, so it is read back`);
      return { ...existing, alreadyExisted: true };
    }
  },
});
