// What Sterling's list APIs share in the simulator: the string query types of an attribute (`<Attr>QryType`: EQ,
// FLIKE for "starts with", LIKE for "contains", NE) and the OrderBy element
// (`<OrderBy><Attribute Name="…" Desc="Y|N"/></OrderBy>`, in JSON `{ "OrderBy": { "Attribute": { … } } }`), as IBM's
// "Forming queries in API input" describes them.
import { z } from "zod";
import { text, type Doc } from "./state";

export const queryType = z.enum(["EQ", "FLIKE", "LIKE", "NE"]).optional();

export function matches(value: string, wanted: string | undefined, type: string | undefined): boolean {
  if (wanted === undefined) return true;
  if (type === "FLIKE") return value.startsWith(wanted);
  if (type === "LIKE") return value.includes(wanted);
  if (type === "NE") return value !== wanted;
  return value === wanted;
}

const attribute = z.looseObject({ Name: z.string().min(1), Desc: z.enum(["Y", "N"]).optional() });
export const orderBy = z.looseObject({ Attribute: z.union([attribute, z.array(attribute)]) }).optional();

/** Sorts by each OrderBy attribute in turn; Sterling compares the stored values, which are strings here. */
export function sortDocs(docs: Doc[], by: z.output<typeof orderBy>): Doc[] {
  if (!by) return docs;
  const keys = Array.isArray(by.Attribute) ? by.Attribute : [by.Attribute];
  return [...docs].sort((a, b) => {
    for (const key of keys) {
      const order = text(a, key.Name).localeCompare(text(b, key.Name));
      if (order !== 0) return key.Desc === "Y" ? -order : order;
    }
    return 0;
  });
}
