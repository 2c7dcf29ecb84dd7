// The order lines and ship-to address orders carry, in the form createOrder and changeOrder read them (sync and async).
import { z } from "zod";
import { field } from "../sdk";
import { compact, type SterlingDocument } from "./client";

/** What a line carries of its item, in orders and shipments alike. */
export const lineItemFields = {
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
};

export const orderLine = z
  .object({
    ...lineItemFields,
    unitPrice: z
      .number()
      .nonnegative()
      .optional()
      .meta(field({ title: "Unit price" })),
  })
  .meta({ title: "Line" });

const text = (title: string, max: number) => z.string().max(max).optional().meta(field({ title }));

export const shipToAddress = z.object({
  firstName: text("First name", 64),
  lastName: text("Last name", 64),
  addressLine1: text("Address line 1", 70),
  city: text("City", 35),
  state: text("State", 35),
  zipCode: text("ZIP code", 35),
  country: text("Country", 40),
  email: text("E-mail", 150),
});

/** `firstLineNo`: the PrimeLineNo of the first line; lines added to an existing order must number past its own. */
export function orderLinesElement(
  lines: Array<z.output<typeof orderLine>>,
  action?: "CREATE",
  firstLineNo = 1,
): SterlingDocument {
  return {
    OrderLine: lines.map((line, index) =>
      compact({
        Action: action,
        PrimeLineNo: String(firstLineNo + index),
        SubLineNo: "1",
        OrderedQty: String(line.quantity),
        Item: { ItemID: line.itemId, UnitOfMeasure: line.unitOfMeasure },
        LinePriceInfo: line.unitPrice === undefined ? undefined : { UnitPrice: String(line.unitPrice) },
      }),
    ),
  };
}

export function personInfo(value: z.output<typeof shipToAddress> | undefined): SterlingDocument | undefined {
  if (!value) return undefined;
  const document = compact({
    FirstName: value.firstName,
    LastName: value.lastName,
    AddressLine1: value.addressLine1,
    City: value.city,
    State: value.state,
    ZipCode: value.zipCode,
    Country: value.country,
    EMailID: value.email,
  });
  return Object.keys(document).length > 0 ? document : undefined;
}
