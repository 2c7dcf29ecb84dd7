// Retrieve catalog items: Sterling's getItemList, by item ID (exactly, by prefix or by part) within a catalog
// organization. Read-only, so it needs no idempotency key.
import { z } from "zod";
import { field } from "../../sdk";
import { compact, invokeSterling, parseOutput } from "../client";
import { maximumRecordsField, optionalText, restAction } from "../common";
import { restAccount } from "../account";
import { elementList, itemDocument } from "../documents";

const LABEL = "Retrieve catalog items";

/** Sterling's query types for a string attribute. */
const matchQueryTypes = { exact: "EQ", startsWith: "FLIKE", contains: "LIKE" } as const;

const input = z.object({
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
  maximumRecords: maximumRecordsField(5),
});

const output = z.object({
  items: z.array(itemDocument).meta({ title: "Items" }),
  count: z.number().meta({ title: "Number of items returned" }),
});

const reply = z.looseObject({ Item: elementList(itemDocument) });

export const getItemListAction = restAction({
  key: "getItemList",
  label: LABEL,
  description: "Finds catalog items by item ID and catalog organization (Sterling getItemList).",
  group: "Catalog items",
  input,
  output,
  async run({ input, ctx }) {
    const account = restAccount(ctx.account);
    const document = await invokeSterling(
      account,
      "getItemList",
      compact({
        ItemID: input.itemId,
        ItemIDQryType: input.itemId ? matchQueryTypes[input.itemIdMatch] : undefined,
        OrganizationCode: input.organizationCode,
        UnitOfMeasure: input.unitOfMeasure,
        MaximumRecords: String(input.maximumRecords),
      }),
      { signal: ctx.signal },
    );
    const list = parseOutput(reply, document, "getItemList");
    return { items: list.Item, count: list.Item.length };
  },
});
