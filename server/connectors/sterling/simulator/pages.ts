// The simulator's getPage: runs a list API with an output template and returns one page of its result. Input and
// output keep the XML's nesting in JSON ({ PageNumber, PageSize, PaginationStrategy, API: { Name, Input: { Order:
// {...} }, Template: { OrderList: { Order: {...} } } } } → { ..., Output: { OrderList: {...} } }). The ROWNUM strategy
// pages by position in the sorted result, as IBM's support note on paging getOrderList describes; GENERIC (one cached
// result set behind a PageSetToken) is answered the same way, since the simulator's result sets are small. Without a
// template a page holds the rows as the list API itself returns them (its default template).
import { z } from "zod";
import { catalogApis } from "./catalog";
import { defaultOrderListEntry, queryOrders } from "./orders";
import { organizationApis } from "./organizations";
import { applyTemplate, matchesQuery, sortByOrderBy } from "./query";
import { children, faults, parseInput, type Doc, type SimulatorState } from "./state";

interface PagedList {
  /** The output's root element (OrderList) and its repeated element (Order). */
  root: string;
  element: string;
  /** The input's root element. */
  inputRoot: string;
  rows(input: Record<string, unknown>, state: SimulatorState): Doc[];
  /** The list's default output template, used when the call names none. */
  defaultEntry(doc: Doc): Doc;
}

function generic(pick: (state: SimulatorState) => Doc[]) {
  return (input: Record<string, unknown>, state: SimulatorState) =>
    sortByOrderBy(
      pick(state).filter((doc) => matchesQuery(doc, input)),
      input,
    );
}

/** Every row a list API answers for `input` (its own filters and OrderBy), whatever MaximumRecords says. */
function whole(api: (raw: unknown, state: SimulatorState) => Doc, element: string) {
  return (input: Record<string, unknown>, state: SimulatorState) =>
    children(api({ ...input, MaximumRecords: String(Number.MAX_SAFE_INTEGER) }, state), element);
}

const asListed = (doc: Doc): Doc => doc;

const pagedLists: Record<string, PagedList> = {
  getOrderList: {
    root: "OrderList",
    element: "Order",
    inputRoot: "Order",
    rows: (input, state) => queryOrders(input, state).orders,
    defaultEntry: defaultOrderListEntry,
  },
  getOrderReleaseList: {
    root: "OrderReleaseList",
    element: "OrderRelease",
    inputRoot: "OrderRelease",
    rows: generic((state) => state.releases),
    defaultEntry: asListed,
  },
  getShipmentList: {
    root: "Shipments",
    element: "Shipment",
    inputRoot: "Shipment",
    rows: generic((state) => state.shipments),
    defaultEntry: asListed,
  },
  getItemList: {
    root: "ItemList",
    element: "Item",
    inputRoot: "Item",
    rows: whole(catalogApis.getItemList, "Item"),
    defaultEntry: asListed,
  },
  getCustomerList: {
    root: "CustomerList",
    element: "Customer",
    inputRoot: "Customer",
    rows: whole(catalogApis.getCustomerList, "Customer"),
    defaultEntry: asListed,
  },
  getOrganizationList: {
    root: "OrganizationList",
    element: "Organization",
    inputRoot: "Organization",
    rows: whole(organizationApis.getOrganizationList, "Organization"),
    defaultEntry: asListed,
  },
};

const count = z.union([z.string().regex(/^\d+$/), z.number().int()]).transform(Number);

const pageInput = z.looseObject({
  PageNumber: count.optional(),
  PageSize: count.optional(),
  PaginationStrategy: z.enum(["GENERIC", "ROWNUM", "NEXTPAGE", "RESULTSET"]).optional(),
  PageSetToken: z.string().optional(),
  Refresh: z.enum(["Y", "N"]).optional(),
  API: z.looseObject({
    Name: z.string().min(1),
    IsFlow: z.enum(["Y", "N"]).optional(),
    Input: z.record(z.string(), z.unknown()).optional(),
    Template: z.unknown().optional(),
  }),
});

function getPage(raw: unknown, state: SimulatorState): Doc {
  const input = parseInput(pageInput, raw, "getPage");
  if (input.API.IsFlow === "Y") throw faults.badInput(`getPage: service ${input.API.Name} does not exist`);
  const list = Object.hasOwn(pagedLists, input.API.Name) ? pagedLists[input.API.Name] : undefined;
  if (!list) throw faults.badInput(`getPage: ${input.API.Name} is not a list API that supports paging here`);
  if (input.PaginationStrategy === "NEXTPAGE" || input.PaginationStrategy === "RESULTSET") {
    throw faults.badInput(`getPage: PaginationStrategy ${input.PaginationStrategy} is not supported for this API`);
  }
  const apiInput = input.API.Input?.[list.inputRoot] ?? {};
  if (typeof apiInput !== "object" || apiInput === null || Array.isArray(apiInput)) {
    throw faults.badInput(`getPage: API/Input/${list.inputRoot} must be an element`);
  }
  const rows = list.rows(Object.fromEntries(Object.entries(apiInput)), state);
  const pageSize = Math.max(1, input.PageSize ?? 10);
  const pageNumber = Math.max(1, input.PageNumber ?? 1);
  const page = rows.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
  const template = readTemplate(input.API.Template, list);
  const entries = page.map((row) => (template ? applyTemplate(row, template) : list.defaultEntry(row)));
  const isLast = pageNumber * pageSize >= rows.length;
  return {
    PageNumber: String(pageNumber),
    PageSize: String(pageSize),
    PaginationStrategy: input.PaginationStrategy ?? "GENERIC",
    IsFirstPage: pageNumber === 1 ? "Y" : "N",
    IsLastPage: isLast ? "Y" : "N",
    IsValidPage: page.length > 0 || pageNumber === 1 ? "Y" : "N",
    PageSetToken: input.PageSetToken ?? "",
    Output: {
      [list.root]: {
        ...(entries.length > 0 ? { [list.element]: entries } : {}),
        TotalNumberOfRecords: String(entries.length),
        LastRecordSet: isLast ? "Y" : "N",
      },
    },
  };
}

/** The template of the list's repeated element, from `{ OrderList: { Order: {...} } }`; absent or empty: none. */
function readTemplate(template: unknown, list: PagedList): unknown {
  if (typeof template !== "object" || template === null) return undefined;
  const root: unknown = Object.entries(template).find(([key]) => key === list.root)?.[1];
  if (typeof root !== "object" || root === null) return undefined;
  const element: unknown = Object.entries(root).find(([key]) => key === list.element)?.[1];
  return typeof element === "object" && element !== null ? element : undefined;
}

export const pageApis = { getPage };
