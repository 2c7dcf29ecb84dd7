// Retrieve catalog items: Sterling's getItemList, by item ID (exactly, by prefix or by part) within a catalog
// organization.
import { z } from "zod";
import { field } from "../../sdk";
import { optionalText } from "../common";
import { itemDocument } from "../documents";
import { retrieveAction } from "./retrieve";

/** Sterling's query types for a string attribute. */
const matchQueryTypes = { exact: "EQ", startsWith: "FLIKE", contains: "LIKE" } as const;

export const getItemListAction = retrieveAction({
  key: "getItemList",
  label: "Retrieve catalog items",
  description: "Finds catalog items by item ID and catalog organization (Sterling getItemList).",
  group: "Catalog items",
  list: { api: "getItemList", inputRoot: "Item", root: "ItemList", element: "Item", key: "ItemKey" },
  rows: { key: "items", title: "Items", schema: itemDocument },
  filters: {
    itemId: optionalText("Item ID", 1, undefined, 40),
    itemIdMatch: z
      .enum(["exact", "startsWith", "contains"])
      .default("exact")
      .meta(
        field({
          title: "Match item ID",
          enumLabels: { exact: "Exactly", startsWith: "Starts with", contains: "Contains" },
          order: 2,
        }),
      ),
    organizationCode: optionalText("Catalog organization", 3, "The organization that owns the catalog.", 40),
    unitOfMeasure: optionalText("Unit of measure", 4, undefined, 40),
  },
  toInput: (input) => ({
    ItemID: input.itemId,
    ItemIDQryType: input.itemId ? matchQueryTypes[input.itemIdMatch] : undefined,
    OrganizationCode: input.organizationCode,
    UnitOfMeasure: input.unitOfMeasure,
  }),
  sortBy: { ItemID: "Item ID", Modifyts: "Last changed" },
});
