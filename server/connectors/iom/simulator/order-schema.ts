// The Order 2.0 `Order` schema (intershop-order-management-order-2.0.yaml) as IOM checks it on POST: the required
// properties and length limits of the OpenAPI definition. Violations are reported the way bean validation words
// them, one ErrorReport entry per property path ("shippingBuckets[0].positions[0].quantity: must be greater than or
// equal to 1"), code VALIDATION_EXCEPTION as the definition's example shows.
import { z } from "zod";

const text = (max: number, min = 0) => z.string().min(min).max(max);
const price = z.object({ amount: z.number(), amountDiscounted: z.number().optional() }).passthrough();
const tax = z.object({ type: z.string(), amount: z.number() }).passthrough();
const taxed = z
  .object({ net: price.optional(), gross: price.optional(), taxes: z.array(tax).min(1) })
  .passthrough()
  .refine((value) => value.net !== undefined || value.gross !== undefined, "net or gross price must be given");
const charge = z.object({ type: z.string(), net: price, gross: price, taxes: z.array(tax).min(1) }).passthrough();
const location = z
  .object({
    type: z.string(),
    city: text(100, 1),
    postCode: text(25, 1),
    countryCode: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 3166-1 alpha-3 country code"),
    street: text(100).optional(),
    streetNumber: text(20).optional(),
  })
  .passthrough();
const receiver = z
  .object({
    addressReceiverType: z.enum(["PERSON", "COMPANY"]),
    person: z
      .object({ lastName: text(50, 1), firstName: text(50).optional() })
      .passthrough()
      .optional(),
    companyName: z.string().optional(),
  })
  .passthrough()
  .superRefine((value, ctx) => {
    if (value.addressReceiverType === "PERSON" && !value.person) {
      ctx.addIssue({ code: "custom", path: ["person"], message: "must not be null" });
    }
    if (value.addressReceiverType === "COMPANY" && !value.companyName) {
      ctx.addIssue({ code: "custom", path: ["companyName"], message: "must not be null" });
    }
  });
const address = z
  .object({ location, receiver, contact: z.object({ email: z.string() }).passthrough().optional() })
  .passthrough();
const position = z
  .object({
    number: z.number().int().optional(),
    product: z.object({ name: z.string().min(1), number: z.string().min(1) }).passthrough(),
    quantity: z.number().int().min(1, "must be greater than or equal to 1"),
    sum: taxed,
    shipping: z
      .object({
        deliveryDate: z
          .object({ deliveryDateType: z.enum(["STANDARD", "EXPRESS", "EARLIEST", "FIXED"]) })
          .passthrough(),
        expectedDeliveryDays: z.number().int().min(-1),
      })
      .passthrough(),
  })
  .passthrough();

export const submittedOrder = z
  .object({
    shopOrderNumber: text(50, 1),
    shopOrderCreationDate: z.iso.datetime({ offset: true }),
    customerData: z
      .object({
        customerDataType: z.enum(["PERSON", "COMPANY"]),
        shopCustomerNumber: text(255).optional(),
        companyData: z
          .object({ companyName: text(100, 1) })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .superRefine((value, ctx) => {
        if (value.customerDataType === "COMPANY" && !value.companyData) {
          ctx.addIssue({ code: "custom", path: ["companyData"], message: "must not be null" });
        }
      }),
    invoiceAddress: address,
    sales: z
      .object({
        currencyCode: z.string().regex(/^[A-Z]{3}$/),
        subTotal: taxed,
        total: taxed,
        charges: z.array(charge).optional(),
      })
      .passthrough(),
    payment: z.object({ paymentMethod: z.string().min(1) }).passthrough(),
    shippingBuckets: z
      .array(
        z
          .object({
            shippingAddress: address,
            shippingMethod: z.string().optional(),
            charges: z.array(charge).optional(),
            positions: z.array(position).min(1),
          })
          .passthrough(),
      )
      .min(1),
  })
  .passthrough();

export type SubmittedOrder = z.output<typeof submittedOrder>;

/** Bean-validation wording for zod's issues: "path: message". */
export function violations(error: z.ZodError): { code: string; message: string; value?: unknown }[] {
  return error.issues.map((issue) => {
    const path = issue.path.reduce<string>(
      (text, part) => (typeof part === "number" ? `${text}[${part}]` : text ? `${text}.${String(part)}` : String(part)),
      "",
    );
    const missing = issue.code === "invalid_type" && issue.message.endsWith("received undefined");
    const blank = issue.code === "too_small" && issue.origin === "string" && issue.minimum === 1;
    const message = missing ? "must not be null" : blank ? "must not be blank" : issue.message;
    return { code: "VALIDATION_EXCEPTION", message: `${path || "order"}: ${message}` };
  });
}
