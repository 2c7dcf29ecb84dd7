// Create or update catalog item (async): the input of Sterling's manageItem, `<ItemList><Item Action="Manage" …>`,
// on the queue its item service reads. manageItem creates an item it does not know and modifies one it does.
import { z } from "zod";
import { compact } from "../../../client";
import { additionalAttributesField, optionalText } from "../../../common";
import { itemIdentityFields } from "./item-identity";
import { deliveryFields, mqAction, putSterlingDocument, withAdditional } from "../put-document";

const LABEL = "Create or update catalog item (async)";

const input = z.object({
  ...itemIdentityFields,
  description: optionalText("Description", 4, undefined, 200),
  shortDescription: optionalText("Short description", 5, undefined, 100),
  status: optionalText("Status", 6, "3000 published, 2000 held.", 15),
  additionalAttributes: additionalAttributesField(
    9,
    "manageItem Item",
    '{ "PrimaryInformation": { "ItemType": "SKU" } }',
    { ItemID: "itemId", OrganizationCode: "organizationCode", UnitOfMeasure: "unitOfMeasure" },
  ),
  ...deliveryFields("manageItem"),
});

export const manageItemAsyncAction = mqAction({
  key: "manageItemAsync",
  label: LABEL,
  description: "Puts Sterling's manageItem input on IBM MQ, creating the item or changing it when it exists.",
  group: "Catalog items",
  input,
  async run({ input, ctx }) {
    const primary = compact({
      Description: input.description,
      ShortDescription: input.shortDescription,
      Status: input.status,
    });
    const item = withAdditional(
      input.additionalAttributes,
      compact({
        Action: "Manage",
        ItemID: input.itemId,
        OrganizationCode: input.organizationCode,
        UnitOfMeasure: input.unitOfMeasure,
        PrimaryInformation: Object.keys(primary).length > 0 ? primary : undefined,
      }),
    );
    return putSterlingDocument(ctx, "manageItem", "ItemList", { Item: [item] }, input);
  },
});
