// Create customer: Sterling's manageCustomer with Operation="Create", which refuses a customer ID already in use, so
// a step that runs again after its customer was made fails plainly rather than making a second one.
import { z } from "zod";
import { restAccount } from "../account";
import { invokeSterling, parseOutput } from "../client";
import { restAction } from "../common";
import { customerDocument } from "../documents";
import { customerDocumentFor, customerFields } from "./customer-fields";

export const createCustomerAction = restAction({
  key: "createCustomer",
  label: "Create customer",
  description: "Creates a customer with a contact (Sterling manageCustomer, Operation Create).",
  group: "Customers",
  input: z.object(customerFields),
  output: customerDocument,
  async run({ input, ctx }) {
    const document = await invokeSterling(
      restAccount(ctx.account),
      "manageCustomer",
      customerDocumentFor(input, "Create", ctx.log),
      { signal: ctx.signal },
    );
    return parseOutput(customerDocument, document, "manageCustomer");
  },
});
