// Retrieve customers: Sterling's getCustomerList, by customer ID or by a contact's e-mail address. Read-only, so it
// needs no idempotency key.
import { z } from "zod";
import { compact, invokeSterling, parseOutput } from "../client";
import { maximumRecordsField, optionalText, restAction } from "../common";
import { restAccount } from "../account";
import { customerDocument, elementList } from "../documents";

const LABEL = "Retrieve customers";

const input = z.object({
  customerId: optionalText("Customer ID", 1, undefined, 40),
  email: optionalText("E-mail", 2, "Customers with a contact that has this e-mail address.", 150),
  organizationCode: optionalText("Organization", 3, "The enterprise the customers belong to.", 40),
  maximumRecords: maximumRecordsField(4),
});

const output = z.object({
  customers: z.array(customerDocument).meta({ title: "Customers" }),
  count: z.number().meta({ title: "Number of customers returned" }),
});

const reply = z.looseObject({ Customer: elementList(customerDocument) });

export const getCustomerListAction = restAction({
  key: "getCustomerList",
  label: LABEL,
  description: "Finds customers by customer ID, contact e-mail or organization (Sterling getCustomerList).",
  group: "Customers",
  input,
  output,
  async run({ input, ctx }) {
    const account = restAccount(ctx.account);
    const document = await invokeSterling(
      account,
      "getCustomerList",
      compact({
        CustomerID: input.customerId,
        OrganizationCode: input.organizationCode,
        CustomerContactList: input.email ? { CustomerContact: [{ EmailID: input.email }] } : undefined,
        MaximumRecords: String(input.maximumRecords),
      }),
      { signal: ctx.signal },
    );
    const list = parseOutput(reply, document, "getCustomerList");
    return { customers: list.Customer, count: list.Customer.length };
  },
});
