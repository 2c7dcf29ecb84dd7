// Retrieve customers: Sterling's getCustomerList, by customer ID or by a contact's e-mail address.
import { optionalText } from "../common";
import { customerDocument } from "../documents";
import { retrieveAction } from "./retrieve";

export const getCustomerListAction = retrieveAction({
  key: "getCustomerList",
  label: "Retrieve customers",
  description: "Finds customers by customer ID, contact e-mail or organization (Sterling getCustomerList).",
  group: "Customers",
  list: {
    api: "getCustomerList",
    inputRoot: "Customer",
    root: "CustomerList",
    element: "Customer",
    key: "CustomerKey",
  },
  rows: { key: "customers", title: "Customers", schema: customerDocument },
  filters: {
    customerId: optionalText("Customer ID", 1, undefined, 40),
    email: optionalText("E-mail", 2, "Customers with a contact that has this e-mail address.", 150),
    organizationCode: optionalText("Organization", 3, "The enterprise the customers belong to.", 40),
  },
  toInput: (input) => ({
    CustomerID: input.customerId,
    OrganizationCode: input.organizationCode,
    CustomerContactList: input.email ? { CustomerContact: [{ EmailID: input.email }] } : undefined,
  }),
  sortBy: { CustomerID: "Customer ID", Modifyts: "Last changed" },
});
