// The simulator's list APIs besides orders: release orders, shipments, catalog items and customers, each filtered
// on the attributes the connector sends (others are ignored, as Sterling ignores attributes it does not filter on) and
// answered in Sterling's list form ({ <Element>: [...] }).
import { z } from "zod";
import { orderBy, sortDocs } from "./lists";
import {
  attribute,
  child,
  children,
  docSchema,
  faults,
  filterDocs,
  maximumRecords,
  parseInput,
  SterlingFault,
  text,
  type Doc,
  type SimulatorState,
} from "./state";

function list(element: string, docs: Doc[]): Doc {
  return { ...(docs.length > 0 ? { [element]: docs } : {}), TotalNumberOfRecords: String(docs.length) };
}

const releaseInput = z.object({
  OrderHeaderKey: attribute,
  SalesOrderNo: attribute,
  EnterpriseCode: attribute,
  ShipNode: attribute,
  ReleaseNo: attribute,
  MaximumRecords: maximumRecords,
});

function getOrderReleaseList(raw: unknown, state: SimulatorState): Doc {
  const { MaximumRecords, ...filters } = parseInput(releaseInput, raw, "getOrderReleaseList");
  return list("OrderRelease", filterDocs(state.releases, filters, MaximumRecords));
}

const shipmentInput = z.object({
  OrderBy: orderBy,
  OrderNo: attribute,
  ShipmentNo: attribute,
  EnterpriseCode: attribute,
  ShipNode: attribute,
  Status: attribute,
  MaximumRecords: maximumRecords,
});

function getShipmentList(raw: unknown, state: SimulatorState): Doc {
  const { MaximumRecords, OrderBy, ...filters } = parseInput(shipmentInput, raw, "getShipmentList");
  const matching = filterDocs(state.shipments, filters, Number.MAX_SAFE_INTEGER);
  return list("Shipment", sortDocs(matching, OrderBy).slice(0, MaximumRecords));
}

const itemInput = z.object({
  OrderBy: orderBy,
  ItemID: attribute,
  ItemIDQryType: z.enum(["EQ", "FLIKE", "LIKE"]).optional(),
  OrganizationCode: attribute,
  UnitOfMeasure: attribute,
  MaximumRecords: maximumRecords,
});

function itemIdMatches(itemId: string, wanted: string | undefined, queryType: string | undefined): boolean {
  if (wanted === undefined) return true;
  if (queryType === "FLIKE") return itemId.startsWith(wanted);
  if (queryType === "LIKE") return itemId.includes(wanted);
  return itemId === wanted;
}

function getItemList(raw: unknown, state: SimulatorState): Doc {
  const { ItemID, ItemIDQryType, MaximumRecords, OrderBy, ...filters } = parseInput(itemInput, raw, "getItemList");
  const matching = filterDocs(state.items, filters, Number.MAX_SAFE_INTEGER).filter((item) =>
    itemIdMatches(text(item, "ItemID"), ItemID, ItemIDQryType),
  );
  return list("Item", sortDocs(matching, OrderBy).slice(0, MaximumRecords));
}

const customerInput = z.looseObject({
  OrderBy: orderBy,
  CustomerID: attribute,
  OrganizationCode: attribute,
  CustomerContactList: z.looseObject({ CustomerContact: z.array(z.looseObject({ EmailID: attribute })) }).optional(),
  MaximumRecords: maximumRecords,
});

function getCustomerList(raw: unknown, state: SimulatorState): Doc {
  const input = parseInput(customerInput, raw, "getCustomerList");
  const email = input.CustomerContactList?.CustomerContact[0]?.EmailID?.toLowerCase();
  const matching = filterDocs(
    state.customers,
    { CustomerID: input.CustomerID, OrganizationCode: input.OrganizationCode },
    Number.MAX_SAFE_INTEGER,
  ).filter(
    (customer) =>
      email === undefined ||
      children(child(customer, "CustomerContactList"), "CustomerContact").some(
        (contact) => text(contact, "EmailID").toLowerCase() === email,
      ),
  );
  return list("Customer", sortDocs(matching, input.OrderBy).slice(0, input.MaximumRecords));
}

const manageItemInput = z.looseObject({
  Item: z
    .array(
      z.looseObject({
        ItemID: z.string().min(1),
        OrganizationCode: z.string().min(1),
        UnitOfMeasure: z.string().min(1),
        Action: z.enum(["Create", "Modify", "Manage", "Delete"]).optional(),
      }),
    )
    .min(1),
});

// Stand-in codes (state.ts explains why).
const itemExists = (id: string) => new SterlingFault(400, "YCM0005", `Item ${id} already exists`);

/** manageItem: ItemList's items created, changed or deleted by their Action (Manage by default). */
function manageItem(raw: unknown, state: SimulatorState): Doc {
  const input = parseInput(manageItemInput, parseInput(docSchema, raw, "manageItem"), "manageItem");
  const results: Doc[] = [];
  for (const given of input.Item) {
    const { Action: action = "Manage", ...item } = parseInput(docSchema, given, "manageItem");
    const index = state.items.findIndex(
      (candidate) =>
        text(candidate, "ItemID") === given.ItemID &&
        text(candidate, "OrganizationCode") === given.OrganizationCode &&
        text(candidate, "UnitOfMeasure") === given.UnitOfMeasure,
    );
    const existing = state.items[index];
    if (action === "Delete") {
      if (!existing) throw faults.itemNotFound();
      state.items.splice(index, 1);
      results.push(item);
    } else if (action === "Create" && existing) {
      throw itemExists(given.ItemID);
    } else if (action === "Modify" && !existing) {
      throw faults.itemNotFound();
    } else if (existing) {
      Object.assign(existing, item);
      results.push(existing);
    } else {
      const created: Doc = { ItemKey: `IK${given.ItemID}${state.items.length + 1}`, ...item };
      state.items.push(created);
      results.push(created);
    }
  }
  return { Item: results };
}

export const catalogApis = { getOrderReleaseList, getShipmentList, getItemList, getCustomerList, manageItem };
