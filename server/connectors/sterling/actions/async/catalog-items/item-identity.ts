// The fields that name a catalog item in manageItem's input: item id, the organization that owns it and its unit
// of measure. Both (async) item actions start from them.
import { z } from "zod";
import { field } from "../../../../sdk";
import { requiredEnterpriseCodeField } from "../../../common";

export const itemIdentityFields = {
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
};
