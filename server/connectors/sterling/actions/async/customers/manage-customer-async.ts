// Create or update customer (async): the input of Sterling's manageCustomer, `<Customer Operation="Manage" …>`,
// on the queue its customer service reads.
import { z } from "zod";
import { field } from "../../../../sdk";
import { compact } from "../../../client";
import { additionalAttributesField, optionalText } from "../../../common";
import { customerIdentityFields } from "../../customer-fields";
import { deliveryFields, mqAction, putSterlingDocument, withAdditional } from "../put-document";

const LABEL = "Create or update customer (async)";

const input = z.object({
  ...customerIdentityFields,
  customerType: z
    .enum(["01", "02"])
    .default("02")
    .meta(field({ title: "Customer type", enumLabels: { "01": "Business", "02": "Consumer" }, order: 3 })),
  firstName: optionalText("First name", 4, undefined, 64),
  lastName: optionalText("Last name", 5, undefined, 64),
  email: optionalText("E-mail", 6, undefined, 150),
  dayPhone: optionalText("Phone", 7, undefined, 40),
  additionalAttributes: additionalAttributesField(9, "manageCustomer", '{ "Status": "10" }', {
    CustomerID: "customerId",
    OrganizationCode: "organizationCode",
    CustomerType: "customerType",
  }),
  ...deliveryFields("manageCustomer"),
});

export const manageCustomerAsyncAction = mqAction({
  key: "manageCustomerAsync",
  label: LABEL,
  description: "Puts Sterling's manageCustomer input on IBM MQ, creating the customer or changing it when it exists.",
  group: "Customers",
  input,
  async run({ input, ctx }) {
    const contact = compact({
      FirstName: input.firstName,
      LastName: input.lastName,
      EmailID: input.email,
      DayPhone: input.dayPhone,
    });
    const customer = withAdditional(
      input.additionalAttributes,
      compact({
        Operation: "Manage",
        CustomerID: input.customerId,
        OrganizationCode: input.organizationCode,
        CustomerType: input.customerType,
        CustomerContactList: Object.keys(contact).length > 0 ? { CustomerContact: [contact] } : undefined,
      }),
    );
    return putSterlingDocument(ctx, "manageCustomer", "Customer", customer, input);
  },
});
