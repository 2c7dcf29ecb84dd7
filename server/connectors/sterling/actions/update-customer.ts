// Update customer: Sterling's manageCustomer with Operation="Modify". Fields left empty keep their value in Sterling;
// a contact given here is added to (or, by its contact ID in additional attributes, changes) the customer's contacts.
import { z } from "zod";
import { restAccount } from "../account";
import { invokeSterling, parseOutput } from "../client";
import { restAction } from "../common";
import { customerDocument } from "../documents";
import { customerDocumentFor, customerFields } from "./customer-fields";

export const updateCustomerAction = restAction({
  key: "updateCustomer",
  label: "Update customer",
  description: "Changes a customer's type, status or contacts (Sterling manageCustomer, Operation Modify).",
  group: "Customers",
  input: z.object(customerFields),
  output: customerDocument,
  async run({ input, ctx }) {
    const document = await invokeSterling(
      restAccount(ctx.account),
      "manageCustomer",
      customerDocumentFor(input, "Modify", ctx.log),
      { signal: ctx.signal },
    );
    return parseOutput(customerDocument, document, "manageCustomer");
  },
});
