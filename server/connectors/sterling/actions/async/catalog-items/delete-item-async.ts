// Delete catalog item (async): manageItem with `Action="Delete"`, the form IBM's own item synchronisation service
// uses to delete items, on the queue its item service reads.
import { z } from "zod";
import { itemIdentityFields } from "./item-identity";
import { deliveryFields, mqAction, putSterlingDocument } from "../put-document";

const LABEL = "Delete catalog item (async)";

const input = z.object({
  ...itemIdentityFields,
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
