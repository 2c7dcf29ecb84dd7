// Create order: Sterling's createOrder with the header, lines and addresses a flow usually maps from another system.
//
// Sterling takes no idempotency key, but it refuses a second order with the same number in one enterprise and
// document type. So a step without an order number gets one derived from its idempotency key (the same on every
// re-delivery of the step): if the step runs again after its order was created but before the run recorded it, the
// second createOrder is refused, and the order the first attempt made is read back and returned instead.
import { createHash } from "node:crypto";
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { field } from "../../sdk";
import type { SterlingRestAccount } from "../account";
import { compact, invokeSterling, parseOutput, type SterlingDocument } from "../client";
import {
  additionalAttributes,
  additionalAttributesField,
  documentTypeField,
  optionalText,
  requiredEnterpriseCodeField,
  restAction,
} from "../common";
import { restAccount } from "../account";
import { elementList, orderDocument } from "../documents";

const LABEL = "Create order";

const line = z
  .object({
    itemId: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .meta(field({ title: "Item ID" })),
    unitOfMeasure: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .default("EACH")
      .meta(field({ title: "Unit of measure", placeholder: "EACH" })),
    quantity: z
      .number()
      .positive()
      .meta(field({ title: "Quantity" })),
    unitPrice: z
      .number()
      .nonnegative()
      .optional()
      .meta(field({ title: "Unit price" })),
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
  additionalAttributes: additionalAttributesField(9, "createOrder", '{ "OrderType": "ShipToHome" }'),
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

function orderInput(value: z.output<typeof input>, orderNo: string): SterlingDocument {
  return compact({
    ...additionalAttributes(value.additionalAttributes),
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
  });
}

const existingOrders = z.looseObject({ Order: elementList(orderDocument) });

async function findOrder(
  account: SterlingRestAccount,
  identity: SterlingDocument,
  signal: AbortSignal,
): Promise<z.output<typeof orderDocument> | undefined> {
  const document = await invokeSterling(account, "getOrderList", { ...identity, MaximumRecords: "1" }, { signal });
  return parseOutput(existingOrders, document, "getOrderList").Order[0];
}

export const createOrderAction = restAction({
  key: "createOrder",
  label: LABEL,
  description: "Creates an order with its lines and ship-to address (Sterling createOrder).",
  group: "Orders",
  input,
  output: orderDocument,
  async run({ input, ctx }) {
    const account = restAccount(ctx.account);
    const orderNo = input.orderNo || derivedOrderNo(ctx.idempotencyKey);
    try {
      const document = await invokeSterling(account, "createOrder", orderInput(input, orderNo), { signal: ctx.signal });
      return parseOutput(orderDocument, document, "createOrder");
    } catch (error) {
      // Only a number derived from this step proves that an existing order is this step's own. A refusal of the
      // login or a failure that will be retried says nothing about the order, so only Sterling's refusals qualify.
      const status = error instanceof RemoteError && !error.retryable ? error.status : undefined;
      const refusedOrder = status !== undefined && status !== 401 && status !== 403;
      if (input.orderNo || !refusedOrder) throw error;
      const identity = { OrderNo: orderNo, EnterpriseCode: input.enterpriseCode, DocumentType: input.documentType };
      // The refusal explains more than a failed look-up would, so a look-up that fails leaves it standing.
      const existing = await findOrder(account, identity, ctx.signal).catch(() => undefined);
      if (!existing) throw error;
      ctx.log.info(`Order ${orderNo} already exists: an earlier attempt of this step created it`);
      return existing;
    }
  },
});
