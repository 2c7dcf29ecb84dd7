// Delete customer: Sterling's manageCustomer with Operation="Delete".
import { z } from "zod";
import { restAccount } from "../account";
import { invokeSterling } from "../client";
import { restAction } from "../common";
import { customerIdentityFields } from "./customer-fields";

export const deleteCustomerAction = restAction({
  key: "deleteCustomer",
  label: "Delete customer",
  description: "Deletes a customer (Sterling manageCustomer, Operation Delete).",
  group: "Customers",
  input: z.object(customerIdentityFields),
  output: z.object({
    customerId: z.string().meta({ title: "Customer ID" }),
    deleted: z.literal(true).meta({ title: "Deleted" }),
  }),
  async run({ input, ctx }) {
    await invokeSterling(
      restAccount(ctx.account),
      "manageCustomer",
      { CustomerID: input.customerId, OrganizationCode: input.organizationCode, Operation: "Delete" },
      { signal: ctx.signal },
    );
    return { customerId: input.customerId, deleted: true as const };
  },
});
