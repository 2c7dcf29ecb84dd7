// Delete customer (async): manageCustomer with `Operation="Delete"`, on the queue its customer service reads.
import { z } from "zod";
import { field } from "../../../../sdk";
import { requiredEnterpriseCodeField } from "../../../common";
import { deliveryFields, mqAction, putSterlingDocument } from "../put-document";

const LABEL = "Delete customer (async)";

const input = z.object({
  customerId: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .meta(field({ title: "Customer ID", order: 1 })),
  organizationCode: requiredEnterpriseCodeField(2),
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
