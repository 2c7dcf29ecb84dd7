// One walk through every synchronous Sterling action against the simulator, as a flow would chain them: each step's
// output read through the action's output schema and checked, and each write seen by the Retrieve action that
// follows it. The seed's 16 actions, plus Retrieve order details and Retrieve release orders.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { restAccount, runAction } from "@/test/connectors/sterling";
import { sterlingConnector } from "..";
import { startSterlingSimulator, type SterlingSimulator } from "../simulator";
import { sampleData } from "../simulator/fixtures";
import { changeOrderAction } from "./change-order";
import { createCatalogItemAction } from "./create-catalog-item";
import { createCustomerAction } from "./create-customer";
import { createOrderAction } from "./create-order";
import { createOrganizationAction } from "./create-organization";
import { deleteCustomerAction } from "./delete-customer";
import { deleteOrderAction } from "./delete-order";
import { deleteOrganizationAction } from "./delete-organization";
import { getCustomerListAction } from "./get-customer-list";
import { getItemListAction } from "./get-item-list";
import { getOrderDetailsAction } from "./get-order-details";
import { getOrderListAction } from "./get-order-list";
import { getOrderReleaseListAction } from "./get-order-release-list";
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
const walked = new Set<string>();
function step<Action extends { key: string }>(action: Action): Action {
  walked.add(action.key);
  return action;
}

describe("every synchronous Sterling action", () => {
  it("round-trips through the simulator, each output as its schema declares it", async () => {
    // Catalog items
    const item = await runAction(
      step(createCatalogItemAction),
      { itemId: "WALK-1", organizationCode: "DEFAULT", description: "Walk item", unitCost: 2.5 },
      account(),
    );
    expect(item).toMatchObject({ ItemID: "WALK-1", UnitOfMeasure: "EACH" });
    expect(await runAction(step(getItemListAction), { itemId: "WALK-1" }, account())).toMatchObject({
      count: 1,
      hasMore: false,
      items: [{ ItemID: "WALK-1", PrimaryInformation: { Description: "Walk item" } }],
    });

    // Customers
    const identity = { customerId: "WALK-C", organizationCode: "DEFAULT" };
    expect(
      await runAction(
        step(createCustomerAction),
        { ...identity, firstName: "Ada", email: "ada@walk.example" },
        account(),
      ),
    ).toMatchObject({ CustomerID: "WALK-C" });
    await runAction(step(updateCustomerAction), { ...identity, lastName: "Lovelace" }, account());
    expect(await runAction(step(getCustomerListAction), { customerId: "WALK-C" }, account())).toMatchObject({
      count: 1,
      customers: [{ CustomerID: "WALK-C", CustomerContactList: { CustomerContact: [{ FirstName: "Ada" }, {}] } }],
    });
    expect(await runAction(step(deleteCustomerAction), identity, account())).toEqual({
      customerId: "WALK-C",
      deleted: true,
    });
    expect(await runAction(getCustomerListAction, { customerId: "WALK-C" }, account())).toMatchObject({ count: 0 });

    // Orders
    const order = await runAction(
      step(createOrderAction),
      { enterpriseCode: "DEFAULT", orderNo: "WALK-O1", lines: [{ itemId: "WALK-1", quantity: 3, unitPrice: 2.5 }] },
      account(),
      "walk:create-order",
    );
    expect(order).toMatchObject({ OrderNo: "WALK-O1", Status: "Created", PriceInfo: { TotalAmount: "7.50" } });
    expect(await runAction(step(getOrderListAction), { orderNo: "WALK-O1" }, account())).toMatchObject({
      count: 1,
      hasMore: false,
      orders: [{ OrderNo: "WALK-O1", OrderHeaderKey: order.OrderHeaderKey }],
    });
    expect(
      await runAction(
        step(changeOrderAction),
        {
          orderHeaderKey: order.OrderHeaderKey,
          lineChanges: [{ primeLineNo: 1, quantity: 4 }],
          additionalAttributes: { CustomerPONo: "PO-WALK" },
        },
        account(),
        "walk:change-order",
      ),
    ).toMatchObject({ OrderNo: "WALK-O1", CustomerPONo: "PO-WALK" });
    expect(
      await runAction(step(getOrderDetailsAction), { orderHeaderKey: order.OrderHeaderKey }, account()),
    ).toMatchObject({
      OrderNo: "WALK-O1",
      CustomerPONo: "PO-WALK",
      OrderLines: { OrderLine: [{ OrderedQty: "4", Item: { ItemID: "WALK-1" } }] },
    });
    expect(
      await runAction(step(deleteOrderAction), { orderNo: "WALK-O1", enterpriseCode: "DEFAULT" }, account()),
    ).toEqual({ orderNo: "WALK-O1", deleted: true });
    expect(await runAction(getOrderListAction, { orderNo: "WALK-O1" }, account())).toMatchObject({ count: 0 });

    // Release orders (Y100002 was released in the sample data)
    expect(await runAction(step(getOrderReleaseListAction), { salesOrderNo: "Y100002" }, account())).toMatchObject({
      count: 1,
      releases: [{ OrderReleaseKey: "R-1", ShipNode: "DC-EAST" }],
    });

    // Organizations
    expect(
      await runAction(
        step(createOrganizationAction),
        { organizationCode: "WALK-DC", organizationName: "Walk DC", isNode: true, city: "Reno", country: "US" },
        account(),
      ),
    ).toMatchObject({ OrganizationCode: "WALK-DC" });
    await runAction(
      step(updateOrganizationAction),
      { organizationCode: "WALK-DC", organizationName: "Walk Coast DC" },
      account(),
    );
    expect(await runAction(step(getOrganizationListAction), { organizationCode: "WALK-DC" }, account())).toMatchObject({
      count: 1,
      organizations: [{ OrganizationCode: "WALK-DC", OrganizationName: "Walk Coast DC", IsNode: "Y" }],
    });
    expect(await runAction(step(deleteOrganizationAction), { organizationCode: "WALK-DC" }, account())).toMatchObject({
      organizationCode: "WALK-DC",
      deleted: true,
    });
    expect(await runAction(getOrganizationListAction, { organizationCode: "WALK-DC" }, account())).toMatchObject({
      count: 0,
    });

    // Shipments
    const shipment = await runAction(
      step(updateOrCreateShipmentAction),
      {
        shipmentNo: "WALK-S1",
        shipNode: "DC-EAST",
        sellerOrganizationCode: "OTHER",
        enterpriseCode: "OTHER",
        carrier: "UPSN",
        lines: [{ orderNo: "Y100003", primeLineNo: 1, itemId: "SKU-3", quantity: 5 }],
      },
      account(),
    );
    expect(shipment).toMatchObject({ ShipmentNo: "WALK-S1", created: true });
    expect(await runAction(step(getShipmentListAction), { shipmentNo: "WALK-S1" }, account())).toMatchObject({
      count: 1,
      shipments: [{ ShipmentNo: "WALK-S1", SCAC: "UPSN", ShipmentKey: shipment.ShipmentKey }],
    });

    // Nothing synchronous was left out.
    const synchronous = sterlingConnector.actions.filter((action) => !action.label.endsWith(" (async)"));
    expect([...walked].sort()).toEqual(synchronous.map((action) => action.key).sort());
    expect(walked.size).toBe(18);
  });
});
