// The simulator's manageCustomer: one API that creates, changes or deletes a customer by CustomerID within its
// OrganizationCode, told which by Operation (Create, Modify, Manage for either, Delete). Contacts given on a change are
// added, or change the contact with the same CustomerContactID. Replies with the customer as getCustomerList lists it.
import { z } from "zod";
import { child, children, docSchema, parseInput, SterlingFault, text, type Doc, type SimulatorState } from "./state";

const manageInput = z.looseObject({
  CustomerID: z.string().min(1),
  OrganizationCode: z.string().min(1),
  Operation: z.enum(["Create", "Modify", "Manage", "Delete"]).optional(),
});

// Stand-in codes (state.ts explains why).
const customerExists = (id: string) => new SterlingFault(400, "YCD00012", `Customer ${id} already exists`);
const customerNotFound = (id: string) => new SterlingFault(400, "YCD00011", `Customer ${id} does not exist`);

let sequence = 0;

function mergeContacts(customer: Doc, given: Doc[]): void {
  const contacts = children(child(customer, "CustomerContactList"), "CustomerContact");
  for (const contact of given) {
    const id = text(contact, "CustomerContactID");
    const same = id ? contacts.find((candidate) => text(candidate, "CustomerContactID") === id) : undefined;
    if (same) Object.assign(same, contact);
    else contacts.push({ CustomerContactID: id || `C${++sequence}`, ...contact });
  }
  customer.CustomerContactList = { CustomerContact: contacts };
}

function manageCustomer(raw: unknown, state: SimulatorState): Doc {
  const doc = parseInput(docSchema, raw, "manageCustomer");
  const input = parseInput(manageInput, doc, "manageCustomer");
  const operation = input.Operation ?? "Manage";
  const index = state.customers.findIndex(
    (customer) =>
      text(customer, "CustomerID") === input.CustomerID &&
      text(customer, "OrganizationCode") === input.OrganizationCode,
  );
  const existing = state.customers[index];
  if (operation === "Delete") {
    if (!existing) throw customerNotFound(input.CustomerID);
    state.customers.splice(index, 1);
    return { CustomerID: input.CustomerID, OrganizationCode: input.OrganizationCode };
  }
  if (operation === "Create" && existing) throw customerExists(input.CustomerID);
  if (operation === "Modify" && !existing) throw customerNotFound(input.CustomerID);
  const { Operation: _operation, CustomerContactList: contactList, ...changes } = doc;
  const contacts = children(
    typeof contactList === "object" && !Array.isArray(contactList) ? contactList : undefined,
    "CustomerContact",
  );
  const customer: Doc = existing ?? {
    CustomerKey: `CK${String(++sequence).padStart(8, "0")}`,
    CustomerType: "02",
    Status: "10",
  };
  Object.assign(customer, changes);
  mergeContacts(customer, contacts);
  if (!existing) state.customers.push(customer);
  return customer;
}

export const customerApis = { manageCustomer };
