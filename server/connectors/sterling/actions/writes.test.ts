// The actions that create, change and delete catalog items, customers, orders, organizations and shipments, each
// round-tripped against the simulator: what the action sends is what Sterling's API takes, and reading back through
// the Retrieve actions shows the change.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sampleData } from "../simulator/fixtures";
import { startSterlingSimulator, type SterlingSimulator } from "../simulator";
import { failure, restAccount, runAction, lastApiInput } from "@/test/connectors/sterling";
import { createCatalogItemAction } from "./create-catalog-item";
import { createCustomerAction } from "./create-customer";
import { createOrganizationAction } from "./create-organization";
import { deleteCustomerAction } from "./delete-customer";
import { deleteOrderAction } from "./delete-order";
import { deleteOrganizationAction } from "./delete-organization";
import { getCustomerListAction } from "./get-customer-list";
import { getItemListAction } from "./get-item-list";
import { getOrderListAction } from "./get-order-list";
import { getOrganizationListAction } from "./get-organization-list";
import { getShipmentListAction } from "./get-shipment-list";
import { updateCustomerAction } from "./update-customer";
import { updateOrCreateShipmentAction } from "./update-or-create-shipment";
import { updateOrganizationAction } from "./update-organization";

let sterling: SterlingSimulator;

beforeAll(async () => {
  sterling = await startSterlingSimulator(sampleData());
});
afterAll(() => sterling.close());

const account = () => restAccount(sterling.url);
const lastBody = (api: string): unknown => lastApiInput(sterling.requests, api);

describe("Catalog items", () => {
  it("creates an item with manageItem and finds it, and refuses the same item twice", async () => {
    const item = { itemId: "MUG-1", organizationCode: "DEFAULT", description: "Mug", unitCost: 3.5 };
    const created = await runAction(createCatalogItemAction, item, account());
    expect(created).toMatchObject({
      ItemID: "MUG-1",
      UnitOfMeasure: "EACH",
      PrimaryInformation: { Description: "Mug" },
    });
    expect(lastBody("manageItem")).toEqual({
      Item: [
        {
          Action: "Create",
          ItemID: "MUG-1",
          OrganizationCode: "DEFAULT",
          UnitOfMeasure: "EACH",
          PrimaryInformation: { Description: "Mug", UnitCost: "3.5" },
        },
      ],
    });
    const found = await runAction(getItemListAction, { itemId: "MUG-1" }, account());
    expect(found).toMatchObject({ count: 1, items: [{ ItemID: "MUG-1" }] });
    const again = await failure(runAction(createCatalogItemAction, item, account()));
    expect(again.message).toMatch(/Item MUG-1 already exists/);
  });
});

describe("Customers", () => {
  it("creates, updates and deletes a customer through manageCustomer", async () => {
    const identity = { customerId: "CUST-9", organizationCode: "DEFAULT" };
    const created = await runAction(
      createCustomerAction,
      { ...identity, customerType: "01", firstName: "Grace", email: "grace@example.com" },
      account(),
    );
    expect(created).toMatchObject({ CustomerID: "CUST-9", CustomerType: "01" });
    expect(lastBody("manageCustomer")).toEqual({
      CustomerID: "CUST-9",
      OrganizationCode: "DEFAULT",
      CustomerType: "01",
      Operation: "Create",
      CustomerContactList: { CustomerContact: [{ FirstName: "Grace", EmailID: "grace@example.com" }] },
    });
    await runAction(updateCustomerAction, { ...identity, lastName: "Hopper", phone: "555-0100" }, account());
    const found = await runAction(getCustomerListAction, { customerId: "CUST-9" }, account());
    expect(found).toMatchObject({
      customers: [{ CustomerContactList: { CustomerContact: [{ FirstName: "Grace" }, { LastName: "Hopper" }] } }],
    });
    expect(await runAction(deleteCustomerAction, identity, account())).toEqual({ customerId: "CUST-9", deleted: true });
    expect(lastBody("manageCustomer")).toEqual({
      CustomerID: "CUST-9",
      OrganizationCode: "DEFAULT",
      Operation: "Delete",
    });
    expect(await runAction(getCustomerListAction, { customerId: "CUST-9" }, account())).toMatchObject({ count: 0 });
    const gone = await failure(runAction(updateCustomerAction, identity, account()));
    expect(gone.message).toMatch(/Customer CUST-9 does not exist/);
  });
});

describe("Delete order", () => {
  it("deletes a created order by number and refuses one that has shipped", async () => {
    const deleted = await runAction(deleteOrderAction, { orderNo: "Y100001", enterpriseCode: "DEFAULT" }, account());
    expect(deleted).toEqual({ orderNo: "Y100001", deleted: true });
    expect(lastBody("deleteOrder")).toEqual({
      OrderNo: "Y100001",
      EnterpriseCode: "DEFAULT",
      DocumentType: "0001",
      Action: "DELETE",
    });
    expect(await runAction(getOrderListAction, { orderNo: "Y100001" }, account())).toMatchObject({ count: 0 });
    const shipped = await failure(
      runAction(deleteOrderAction, { orderNo: "Y100002", enterpriseCode: "DEFAULT" }, account()),
    );
    expect(shipped.message).toMatch(/cannot be deleted in status Shipped/);
  });
});

describe("Organizations", () => {
  it("creates, retrieves, updates and deletes an organization through manageOrganizationHierarchy", async () => {
    const created = await runAction(
      createOrganizationAction,
      { organizationCode: "DC-WEST", organizationName: "West DC", isNode: true, city: "Reno", country: "US" },
      account(),
    );
    expect(created).toMatchObject({ OrganizationCode: "DC-WEST", IsNode: "Y", CorporatePersonInfo: { City: "Reno" } });
    expect(lastBody("manageOrganizationHierarchy")).toMatchObject({ OrganizationCode: "DC-WEST", Operation: "Create" });
    const nodes = await runAction(
      getOrganizationListAction,
      { role: "node", sortBy: "OrganizationCode", sortDescending: true, maximumRecords: 2 },
      account(),
    );
    expect(nodes).toMatchObject({
      count: 2,
      hasMore: true,
      organizations: [{ OrganizationCode: "STORE-12" }, { OrganizationCode: "DC-WEST" }],
    });
    expect(lastBody("getOrganizationList")).toEqual({
      IsNode: "Y",
      OrderBy: { Attribute: [{ Name: "OrganizationCode", Desc: "Y" }] },
      page: { number: "1", size: "3" },
    });
    await runAction(
      updateOrganizationAction,
      { organizationCode: "DC-WEST", organizationName: "West Coast DC" },
      account(),
    );
    const named = await runAction(getOrganizationListAction, { organizationName: "Coast" }, account());
    expect(named).toMatchObject({ count: 1, hasMore: false, organizations: [{ OrganizationName: "West Coast DC" }] });
    await runAction(deleteOrganizationAction, { organizationCode: "DC-WEST" }, account());
    expect(await runAction(getOrganizationListAction, { organizationCode: "DC-W" }, account())).toMatchObject({
      count: 0,
    });
  });
});

describe("Update or create shipment", () => {
  it("creates a shipment the first time and changes the same shipment when the step runs again", async () => {
    const shipment = {
      shipmentNo: "SH-77",
      shipNode: "DC-EAST",
      sellerOrganizationCode: "OTHER",
      enterpriseCode: "OTHER",
      carrier: "UPSN",
      // Y100003 is released (3200), as Sterling requires of the lines it ships.
      lines: [{ orderNo: "Y100003", primeLineNo: 1, itemId: "SKU-3", quantity: 5 }],
    };
    const created = await runAction(updateOrCreateShipmentAction, shipment, account());
    expect(created).toMatchObject({ ShipmentNo: "SH-77", Status: "1100", created: true });
    expect(lastBody("createShipment")).toMatchObject({
      ShipmentNo: "SH-77",
      ShipmentLines: { ShipmentLine: [{ OrderNo: "Y100003", PrimeLineNo: "1", SubLineNo: "1", Quantity: "5" }] },
    });
    const changed = await runAction(updateOrCreateShipmentAction, { ...shipment, trackingNo: "1Z-NEW" }, account());
    expect(changed).toMatchObject({ ShipmentKey: created.ShipmentKey, TrackingNo: "1Z-NEW", created: false });
    expect(lastBody("changeShipment")).toMatchObject({ ShipmentKey: created.ShipmentKey, TrackingNo: "1Z-NEW" });
    const listed = await runAction(getShipmentListAction, { shipmentNo: "SH-77" }, account());
    expect(listed).toMatchObject({ count: 1, shipments: [{ TrackingNo: "1Z-NEW" }] });
    const unknownOrder = await failure(
      runAction(
        updateOrCreateShipmentAction,
        { ...shipment, shipmentNo: "SH-78", lines: [{ ...shipment.lines[0], orderNo: "NOPE" }] },
        account(),
      ),
    );
    expect(unknownOrder.message).toMatch(/Order Not Found \[YFS10003\]/);
  });
});
