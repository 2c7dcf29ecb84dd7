// Export order: Order 2.0's POST /shops/{shopId}/orders with the v2 media type, from the fields the seed's mapping
// table lists (customer, addresses, payment method, tax, totals, carrier, lines by shop product id). IOM answers
// 201 with the new order's Location; an ErrorReport becomes a message that names the step's field.
//
// IOM takes no idempotency key, but refuses a second order with the same shop order number. So when a re-delivered
// step is refused for that reason, the order is looked up by its number and reported as exported already.
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { field } from "../../sdk";
import { callIom, ORDER_MEDIA_TYPE, orderServicePath, readBody, sendToIom } from "../client";
import { iomResponseError } from "../errors";
import { iomAccount, iomAction, optionalText, requiredText } from "../common";
import { buildOrder, exportFieldLabels } from "./order-body";

const LABEL = "Export order";

const address = z
  .object({
    companyName: optionalText("Company", 100),
    firstName: optionalText("First name", 50),
    lastName: optionalText("Last name", 50),
    street: optionalText("Street", 100),
    streetNumber: optionalText("House number", 20),
    postCode: requiredText("Post code", 25),
    city: requiredText("City", 100),
    countryCode: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, "must be a three-letter ISO 3166 country code, e.g. DEU")
      .transform((value) => value.toUpperCase())
      .meta(field({ title: "Country (ISO alpha-3)", placeholder: "DEU" })),
    email: optionalText("E-mail", 100),
    phone: optionalText("Phone", 25),
  })
  .refine((value) => value.lastName || value.companyName, "needs a last name or a company");

const line = z
  .object({
    productNumber: requiredText("Shop product ID", 50, "The product's number in the shop (ICM SKU)."),
    productName: requiredText("Product name", 255),
    quantity: z
      .number()
      .int()
      .min(1)
      .meta(field({ title: "Quantity" })),
    amount: z
      .number()
      .nonnegative()
      .meta(field({ title: "Line total", description: "The line's total price (quantity × unit price)." })),
    taxAmount: z
      .number()
      .nonnegative()
      .default(0)
      .meta(field({ title: "Tax amount" })),
    taxType: z
      .string()
      .trim()
      .min(1)
      .default("NORMAL_TAX")
      .meta(field({ title: "Tax type", placeholder: "NORMAL_TAX" })),
    expectedDeliveryDays: z
      .number()
      .int()
      .min(-1)
      .default(-1)
      .meta(field({ title: "Expected delivery days", description: "-1 leaves it to IOM." })),
  })
  .meta({ title: "Line" });

const input = z.object({
  shopOrderNumber: requiredText(
    "Shop order number",
    50,
    "The order's number in the shop (ICM's order document number).",
    1,
  ),
  orderDate: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(z.iso.datetime({ offset: true, message: "must be a date and time, e.g. 2026-01-31T10:00:00Z" }).optional())
    .meta(field({ title: "Order date", description: "When the shop took the order; empty: now.", order: 2 })),
  customerType: z
    .enum(["PERSON", "COMPANY"])
    .default("PERSON")
    .meta(field({ title: "Customer type", order: 3, enumLabels: { PERSON: "Person", COMPANY: "Company" } })),
  shopCustomerNumber: optionalText("Shop customer number", 255, undefined, 4),
  companyName: optionalText("Customer company", 100, "Needed when the customer is a company.", 5),
  invoiceAddress: address.meta(field({ title: "Invoice address", order: 6 })),
  shippingAddress: address
    .optional()
    .meta(field({ title: "Shipping address", description: "Empty: the invoice address.", order: 7 })),
  paymentMethod: requiredText("Payment method", 100, "IOM's payment method, e.g. CREDITCARD, PAYPAL, PREPAYMENT.", 8),
  currencyCode: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{3}$/, "must be an ISO 4217 currency code, e.g. EUR")
    .transform((value) => value.toUpperCase())
    .default("EUR")
    .meta(field({ title: "Currency", order: 9 })),
  pricesAre: z
    .enum(["gross", "net"])
    .default("gross")
    .meta(
      field({ title: "Prices are", order: 10, enumLabels: { gross: "Gross (tax included)", net: "Net (before tax)" } }),
    ),
  carrier: optionalText("Carrier / shipping method", 100, "The shipping method the shop offered, e.g. DHL.", 11),
  shippingCharge: z
    .number()
    .nonnegative()
    .optional()
    .meta(field({ title: "Shipping charge", order: 12 })),
  shippingChargeTax: z
    .number()
    .nonnegative()
    .optional()
    .meta(field({ title: "Shipping charge tax", order: 13 })),
  total: z
    .number()
    .nonnegative()
    .optional()
    .meta(field({ title: "Order total", description: "Empty: the lines plus the shipping charge.", order: 14 })),
  lines: z
    .array(line)
    .min(1)
    .meta(field({ title: "Lines", order: 15 })),
});

const output = z.object({
  shopOrderNumber: z.string(),
  /** The new order's address in IOM; absent when the order had been exported before (a re-delivered step). */
  location: z.string().optional(),
  alreadyExported: z.boolean(),
});

export type ExportOrderInput = z.output<typeof input>;

export const exportOrderAction = iomAction({
  key: "exportOrder",
  label: LABEL,
  description: "Hands an order to IOM (Order 2.0 REST, IOM 3.x and later) and returns the new order's location.",
  group: "Orders",
  input,
  output,
  async run({ input, ctx }) {
    const account = iomAccount(ctx.account);
    const host = new URL(account.baseUrl).host;
    const body = buildOrder(input, new Date());
    const response = await sendToIom(account, {
      method: "POST",
      path: orderServicePath(account, "/orders"),
      mediaType: ORDER_MEDIA_TYPE,
      body,
      what: "the order",
      signal: ctx.signal,
    });
    if (response.status === 400 && (await exportedBefore(account, input.shopOrderNumber, response.body, ctx.signal))) {
      ctx.log.info("IOM has this order already: the step ran before", { shopOrderNumber: input.shopOrderNumber });
      return { shopOrderNumber: input.shopOrderNumber, alreadyExported: true };
    }
    const error = iomResponseError(response, `order ${input.shopOrderNumber}`, host, exportFieldLabels);
    if (error) throw error;
    const location = response.headers.location;
    if (!location) {
      throw new RemoteError("REMOTE", `IOM (${host}) created order ${input.shopOrderNumber} but sent no Location`, {
        retryable: false,
      });
    }
    return { shopOrderNumber: input.shopOrderNumber, location, alreadyExported: false };
  },
});

const stateCount = z.object({ meta: z.object({ totalCount: z.number() }) });

/** Whether a refusal is only "that number exists" and IOM indeed has the order. */
async function exportedBefore(
  account: ReturnType<typeof iomAccount>,
  shopOrderNumber: string,
  body: unknown,
  signal: AbortSignal,
): Promise<boolean> {
  const errors = z.object({ errors: z.array(z.object({ message: z.string().optional() })) }).safeParse(body);
  const duplicate =
    errors.success &&
    errors.data.errors.length > 0 &&
    errors.data.errors.every((error) => /^shopOrderNumber\b.*exist/i.test(error.message ?? ""));
  if (!duplicate) return false;
  const found = await callIom(account, {
    method: "GET",
    path: orderServicePath(account, "/order-states"),
    query: { shopOrderNumbers: [shopOrderNumber], limit: 1 },
    mediaType: ORDER_MEDIA_TYPE,
    what: "the order states",
    signal,
  });
  return readBody(stateCount, found, account, "the order states").meta.totalCount > 0;
}
