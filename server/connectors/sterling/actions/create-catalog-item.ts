// Create catalog item: Sterling's manageItem with one Item whose Action is "Create", which refuses an item ID and
// unit of measure already in the catalog organization, so a step that runs again fails plainly rather than
// overwriting the item someone may have changed since.
import { z } from "zod";
import { field } from "../../sdk";
import { restAccount } from "../account";
import { invokeSterling, parseOutput } from "../client";
import { additionalAttributesField, optionalText, restAction, withAdditionalAttributes } from "../common";
import { elementList, itemDocument } from "../documents";

const required = (title: string, order: number, description?: string) =>
  z.string().trim().min(1).max(40).meta(field({ title, description, order }));

const reply = z.looseObject({ Item: elementList(itemDocument) });

export const createCatalogItemAction = restAction({
  key: "createCatalogItem",
  label: "Create catalog item",
  description: "Creates an item in a catalog organization's catalog (Sterling manageItem, Action Create).",
  group: "Catalog items",
  input: z.object({
    itemId: required("Item ID", 1),
    organizationCode: required("Catalog organization", 2, "The organization that owns the catalog, e.g. DEFAULT."),
    unitOfMeasure: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .default("EACH")
      .meta(field({ title: "Unit of measure", order: 3 })),
    description: optionalText("Description", 4, undefined, 200),
    shortDescription: optionalText("Short description", 5, undefined, 100),
    unitCost: z
      .number()
      .nonnegative()
      .optional()
      .meta(field({ title: "Unit cost", order: 6 })),
    additionalAttributes: additionalAttributesField(
      7,
      "manageItem Item",
      '{ "PrimaryInformation": { "ItemType": "PRODUCT" } }',
      { ItemID: "itemId", OrganizationCode: "organizationCode", UnitOfMeasure: "unitOfMeasure" },
    ),
  }),
  output: itemDocument,
  async run({ input, ctx }) {
    const item = withAdditionalAttributes(
      {
        Action: "Create",
        ItemID: input.itemId,
        OrganizationCode: input.organizationCode,
        UnitOfMeasure: input.unitOfMeasure,
        PrimaryInformation: compactInfo({
          Description: input.description,
          ShortDescription: input.shortDescription,
          UnitCost: input.unitCost === undefined ? undefined : String(input.unitCost),
        }),
      },
      input.additionalAttributes,
      ctx.log,
    );
    // manageItem takes an ItemList; its JSON form drops that root, leaving the Item array.
    const document = await invokeSterling(
      restAccount(ctx.account),
      "manageItem",
      { Item: [item] },
      { signal: ctx.signal },
    );
    const created = parseOutput(reply, document, "manageItem").Item[0];
    return created ?? parseOutput(itemDocument, item, "manageItem");
  },
});

function compactInfo(info: Record<string, string | undefined>): Record<string, string> | undefined {
  const entries = Object.entries(info).filter((entry): entry is [string, string] => Boolean(entry[1]));
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
