// The simulator's list APIs besides orders: release orders, shipments, catalog items and customers, each filtered
// on the attributes the connector sends (others are ignored, as Sterling ignores attributes it does not filter on) and
// answered in Sterling's list form ({ <Element>: [...] }).
import { z } from "zod";
import {
  attribute,
  child,
  children,
  filterDocs,
  maximumRecords,
  parseInput,
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
  OrderNo: attribute,
  ShipmentNo: attribute,
  EnterpriseCode: attribute,
  ShipNode: attribute,
  Status: attribute,
  MaximumRecords: maximumRecords,
});

function getShipmentList(raw: unknown, state: SimulatorState): Doc {
  const { MaximumRecords, ...filters } = parseInput(shipmentInput, raw, "getShipmentList");
  return list("Shipment", filterDocs(state.shipments, filters, MaximumRecords));
}

const itemInput = z.object({
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
  const { ItemID, ItemIDQryType, MaximumRecords, ...filters } = parseInput(itemInput, raw, "getItemList");
  const matching = filterDocs(state.items, filters, Number.MAX_SAFE_INTEGER).filter((item) =>
    itemIdMatches(text(item, "ItemID"), ItemID, ItemIDQryType),
  );
  return list("Item", matching.slice(0, MaximumRecords));
}

const customerInput = z.looseObject({
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
  return list("Customer", matching.slice(0, input.MaximumRecords));
}

export const catalogApis = { getOrderReleaseList, getShipmentList, getItemList, getCustomerList };
