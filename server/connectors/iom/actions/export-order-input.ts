// The fields of an order handed to IOM, shared by Export order (REST Order 2.0) and Export order (SOAP, older IOM):
// customer, addresses, payment method, tax, totals, carrier and lines by shop product id, as the seed's mapping
// table lists them.
import { z } from "zod";
import { field } from "../../sdk";
import { optionalText, requiredText } from "../common";

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

export const exportOrderInput = z.object({
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

export type ExportOrderInput = z.output<typeof exportOrderInput>;
