// The form of Create customer and Update customer, and the manageCustomer document both send: Sterling's one API
// for customers, told what to do by its Operation attribute (Create, Modify, Delete).
import { z } from "zod";
import { field, type Logger } from "../../sdk";
import type { SterlingDocument } from "../client";
import { additionalAttributesField, enterpriseCodeHints, optionalText, withAdditionalAttributes } from "../common";

export const customerIdentityFields = {
  customerId: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .meta(field({ title: "Customer ID", order: 1 })),
  organizationCode: z.string().trim().min(1).max(40).meta(enterpriseCodeHints(2, "The enterprise of the customer.")),
};

export const customerFields = {
  ...customerIdentityFields,
  customerType: z
    .enum(["01", "02"])
    .optional()
    .meta(field({ title: "Customer type", enumLabels: { "01": "Business", "02": "Consumer" }, order: 3 })),
  firstName: optionalText("Contact first name", 4, undefined, 64),
  lastName: optionalText("Contact last name", 5, undefined, 64),
  email: optionalText("Contact e-mail", 6, undefined, 150),
  phone: optionalText("Contact phone", 7, undefined, 40),
  additionalAttributes: additionalAttributesField(8, "manageCustomer", '{ "Status": "10" }', {
    CustomerID: "customerId",
    OrganizationCode: "organizationCode",
    CustomerType: "customerType",
  }),
};

const customerInput = z.object(customerFields);

export function customerDocumentFor(
  input: z.output<typeof customerInput>,
  operation: "Create" | "Modify",
  log: Logger,
): SterlingDocument {
  const contact = [input.firstName, input.lastName, input.email, input.phone].some(Boolean)
    ? { FirstName: input.firstName, LastName: input.lastName, EmailID: input.email, DayPhone: input.phone }
    : undefined;
  return withAdditionalAttributes(
    {
      CustomerID: input.customerId,
      OrganizationCode: input.organizationCode,
      CustomerType: input.customerType,
      Operation: operation,
      CustomerContactList: contact ? { CustomerContact: [compactContact(contact)] } : undefined,
    },
    input.additionalAttributes,
    log,
  );
}

function compactContact(contact: Record<string, string | undefined>): SterlingDocument {
  return Object.fromEntries(Object.entries(contact).filter((entry): entry is [string, string] => Boolean(entry[1])));
}
