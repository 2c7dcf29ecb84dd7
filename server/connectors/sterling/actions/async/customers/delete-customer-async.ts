// Delete customer (async): manageCustomer with `Operation="Delete"`, on the queue its customer service reads.
import { z } from "zod";
import { defineAction, field } from "../../../../sdk";
import { requiredEnterpriseCodeField } from "../../../common";
import { asyncOutput, deliveryFields, putSterlingDocument } from "../put-document";

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

export const deleteCustomerAsyncAction = defineAction({
  key: "deleteCustomerAsync",
  label: LABEL,
  description: "Puts Sterling's manageCustomer input with Operation Delete on IBM MQ.",
  group: "Customers",
  input,
  output: asyncOutput,
  async run({ input, ctx }) {
    const customer = { Operation: "Delete", CustomerID: input.customerId, OrganizationCode: input.organizationCode };
    return putSterlingDocument(ctx, LABEL, "manageCustomer", "Customer", customer, input);
  },
});
