// Delete customer (async): manageCustomer with `Operation="Delete"`, on the queue its customer service reads.
import { z } from "zod";
import { customerIdentityFields } from "../../customer-fields";
import { deliveryFields, mqAction, putSterlingDocument } from "../put-document";

const LABEL = "Delete customer (async)";

const input = z.object({
  ...customerIdentityFields,
  ...deliveryFields("manageCustomer"),
});

export const deleteCustomerAsyncAction = mqAction({
  key: "deleteCustomerAsync",
  label: LABEL,
  description: "Puts Sterling's manageCustomer input with Operation Delete on IBM MQ.",
  group: "Customers",
  input,
  async run({ input, ctx }) {
    const customer = { Operation: "Delete", CustomerID: input.customerId, OrganizationCode: input.organizationCode };
    return putSterlingDocument(ctx, "manageCustomer", "Customer", customer, input);
  },
});
