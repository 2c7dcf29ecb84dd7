// The shape every "Retrieve …" action shares: the filters of one Sterling list API, a sort, a limit the user sets,
// and an output of the rows, their count and whether more rows match. A new list action is a declaration:
// `retrieveAction({ key, label, api: "getItemList", element: "Item", rows: { key: "items", … }, filters, toInput })`.
//
// Sterling returns at most MaximumRecords rows and (for most list APIs) LastRecordSet="N" when it stopped short;
// asking for one row more than the limit tells "exactly the limit" from "more exist" on every list API, including
// those whose output carries no LastRecordSet. Read-only, so no idempotency key is needed.
import { z } from "zod";
import { field } from "../../sdk";
import { restAccount } from "../account";
import { compact, invokeSterling, parseOutput, type SterlingValue } from "../client";
import { restAction } from "../common";
import { elementList } from "../documents";

export const MAX_RETRIEVE_LIMIT = 5000;

/** A row of a list: Sterling's element as a loose object (documents.ts). */
type RowSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

interface RetrieveDefinition<Filters extends z.ZodRawShape, Sort extends string> {
  key: string;
  label: string;
  description: string;
  group: string;
  /** The Sterling list API, e.g. getItemList. */
  api: string;
  /** The repeating element of its output, e.g. Item. */
  element: string;
  /** The output property holding the rows, its title, and the row's schema (documents.ts). */
  rows: { key: string; title: string; schema: RowSchema };
  /** The filter fields of the form, ordered from 1; the sort and limit fields follow them. */
  filters: Filters;
  /** Sterling's attributes for the filters; empty values are dropped, so an unset field is never a filter. */
  toInput(filters: z.output<z.ZodObject<Filters>>): Record<string, SterlingValue | undefined>;
  /** Attributes the user may sort by, with their labels; absent: Sterling's own order. */
  sortBy?: Record<Sort, string>;
}

export function retrieveAction<Filters extends z.ZodRawShape, Sort extends string = never>(
  definition: RetrieveDefinition<Filters, Sort>,
) {
  const filtersSchema = z.object(definition.filters);
  const order = Object.keys(definition.filters).length + 1;
  const sortKeys = Object.keys(definition.sortBy ?? {});
  const [firstSort, ...otherSorts] = sortKeys;
  const sortFields = firstSort
    ? {
        sortBy: z
          .enum([firstSort, ...otherSorts])
          .optional()
          .meta(field({ title: "Sort by", enumLabels: definition.sortBy, order })),
        sortDescending: z
          .boolean()
          .default(false)
          .meta(
            field({ title: "Newest or highest first", description: "Sort in descending order.", order: order + 1 }),
          ),
      }
    : {};
  const input = z.object({
    ...definition.filters,
    ...sortFields,
    maximumRecords: z
      .number()
      .int()
      .min(1)
      .max(MAX_RETRIEVE_LIMIT)
      .default(100)
      .meta(
        field({
          title: "Maximum records",
          description: `Return at most this many (1 to ${MAX_RETRIEVE_LIMIT}); "More match" says whether others exist.`,
          order: order + 2,
        }),
      ),
  });
  const plural = definition.rows.title.toLowerCase();
  // The rows' property is named per action (orders, items…), so the shape is built rather than written out.
  const outputShape: Record<string, z.ZodType> = {
    [definition.rows.key]: z.array(definition.rows.schema).meta({ title: definition.rows.title }),
    count: z.number().meta({ title: `Number of ${plural} returned` }),
    hasMore: z.boolean().meta({ title: "More match", description: "Raise Maximum records to get them." }),
  };
  const output = z.object(outputShape);
  const rowsReply = elementList(definition.rows.schema);
  const controls = z.object({
    maximumRecords: z.number(),
    sortBy: z.string().optional(),
    sortDescending: z.boolean().optional(),
  });
  return restAction({
    key: definition.key,
    label: definition.label,
    description: definition.description,
    group: definition.group,
    input,
    output,
    async run({ input: values, ctx }) {
      // The input was parsed already; these split it into its filters and the controls every list shares.
      const { maximumRecords, sortBy: sort, sortDescending } = controls.parse(values);
      const filters = filtersSchema.parse(values);
      const document = await invokeSterling(
        restAccount(ctx.account),
        definition.api,
        compact({
          ...definition.toInput(filters),
          ...(sort ? { OrderBy: { Attribute: { Name: sort, Desc: sortDescending === true ? "Y" : "N" } } } : {}),
          MaximumRecords: String(maximumRecords + 1),
        }),
        { signal: ctx.signal },
      );
      const rows = parseOutput(rowsReply, document[definition.element], definition.api);
      const page = rows.slice(0, maximumRecords);
      return {
        [definition.rows.key]: page,
        count: page.length,
        hasMore: rows.length > maximumRecords || document.LastRecordSet === "N",
      };
    },
  });
}
