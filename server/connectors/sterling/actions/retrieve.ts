// The shape every "Retrieve …" action shares: the filters of one Sterling list API, a sort, a limit the user sets,
// and an output of the rows, their count and whether more rows match. A new list action is a declaration:
// `retrieveAction({ key, label, api: "getItemList", element: "Item", rows: { key: "items", … }, filters, toInput })`.
//
// The rows are read page by page through getPage (read-pages.ts) up to the limit, with one row more to tell "exactly
// the limit" from "more exist". Read-only, so no idempotency key is needed.
import { z } from "zod";
import { field } from "../../sdk";
import { restAccount } from "../account";
import type { SterlingValue } from "../client";
import { restAction } from "../common";
import { readPages, type PagedListApi } from "./read-pages";

export const MAX_RETRIEVE_LIMIT = 5000;

/** A row of a list: Sterling's element as a loose object (documents.ts). */
type RowSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;

interface RetrieveDefinition<Filters extends z.ZodRawShape, Sort extends string> {
  key: string;
  label: string;
  description: string;
  group: string;
  /** The Sterling list API, its elements (Item, ItemList, Item) and the key that tells rows apart (ItemKey). */
  list: PagedListApi;
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
      const { rows, hasMore } = await readPages({
        account: restAccount(ctx.account),
        list: definition.list,
        filters: definition.toInput(filters),
        sort: sort ? { attribute: sort, descending: sortDescending === true } : undefined,
        limit: maximumRecords,
        rowSchema: definition.rows.schema,
        signal: ctx.signal,
      });
      return { [definition.rows.key]: rows, count: rows.length, hasMore };
    },
  });
}
