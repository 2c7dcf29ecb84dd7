// Delete catalog item (async): manageItem with `Action="Delete"`, the form IBM's own item synchronisation service
// uses to delete items, on the queue its item service reads.
import { z } from "zod";
import { field } from "../../../../sdk";
import { requiredEnterpriseCodeField } from "../../../common";
import { deliveryFields, mqAction, putSterlingDocument } from "../put-document";

const LABEL = "Delete catalog item (async)";

const input = z.object({
  itemId: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .meta(field({ title: "Item ID", order: 1 })),
  organizationCode: requiredEnterpriseCodeField(2).meta(
    field({
      title: "Catalog organization",
      description: "The organization that owns the item.",
      options: "enterprises",
      order: 2,
    }),
  ),
  unitOfMeasure: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .default("EACH")
    .meta(field({ title: "Unit of measure", placeholder: "EACH", order: 3 })),
  ...deliveryFields("manageItem"),
});

export const deleteItemAsyncAction = mqAction({
  key: "deleteItemAsync",
  label: LABEL,
  description: "Puts Sterling's manageItem input with Action Delete on IBM MQ.",
  group: "Catalog items",
  input,
  async run({ input, ctx }) {
    const item = {
      Action: "Delete",
      ItemID: input.itemId,
      OrganizationCode: input.organizationCode,
      UnitOfMeasure: input.unitOfMeasure,
    };
    return putSterlingDocument(ctx, "manageItem", "ItemList", { Item: [item] }, input);
  },
});
