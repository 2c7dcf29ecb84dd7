// How a Retrieve action reads up to the user's limit: page by page through getPage around the list API, with the
// ROWNUM strategy that IBM's support note on paging getOrderList documents (PageNumber 2 of PageSize 100 holds rows
// 101 to 200 of the sorted result; GENERIC would return the first page again). The rows are sorted by the user's
// attribute and then by the list's key, so that a row never moves between pages. Pages hold one row more than the
// limit calls for, up to PAGE_SIZE rows, so "is there more?" needs no extra call: most Retrieve steps are one call.
import { z } from "zod";
import type { SterlingRestAccount } from "../account";
import { compact, invokeSterling, parseOutput, type SterlingDocument, type SterlingValue } from "../client";
import { elementList } from "../documents";

/** Rows one getPage call asks for at most. */
export const PAGE_SIZE = 500;

export interface PagedListApi {
  /** The list API, e.g. getItemList. */
  api: string;
  /** Its input's root element (Item), its output's root (ItemList) and repeated element (Item). */
  inputRoot: string;
  root: string;
  element: string;
  /** An attribute that tells rows apart (ItemKey), the last sort key so that pages never overlap or skip. */
  key: string;
}

/** A row of a list: Sterling's element as a loose object (documents.ts). */
type RowSchema = z.ZodType<Record<string, unknown>, Record<string, unknown>>;
type Row<Schema extends RowSchema> = z.output<Schema>;

const pageReply = z.looseObject({
  IsLastPage: z.enum(["Y", "N"]).optional(),
  Output: z.record(z.string(), z.unknown()).optional(),
});

export interface ReadPagesArgs<Schema extends RowSchema> {
  account: SterlingRestAccount;
  list: PagedListApi;
  /** The list API's filters (blank ones are dropped). */
  filters: Record<string, SterlingValue | undefined>;
  sort?: { attribute: string; descending: boolean };
  limit: number;
  rowSchema: Schema;
  signal: AbortSignal;
}

/** Up to `limit` rows, in order, and whether more match. */
export async function readPages<Schema extends RowSchema>(
  args: ReadPagesArgs<Schema>,
): Promise<{ rows: Array<Row<Schema>>; hasMore: boolean }> {
  const { list, limit } = args;
  const pageSize = Math.min(limit + 1, PAGE_SIZE);
  const attributes = [
    ...(args.sort ? [{ Name: args.sort.attribute, Desc: args.sort.descending ? "Y" : "N" }] : []),
    ...(args.sort?.attribute === list.key ? [] : [{ Name: list.key, Desc: args.sort?.descending ? "Y" : "N" }]),
  ];
  const input: SterlingDocument = { ...compact(args.filters), OrderBy: { Attribute: attributes } };
  const rowsReply = elementList(args.rowSchema);
  const rows: Array<Row<Schema>> = [];
  for (let pageNumber = 1; rows.length <= limit; pageNumber += 1) {
    const document = await invokeSterling(
      args.account,
      "getPage",
      {
        PageNumber: String(pageNumber),
        PageSize: String(pageSize),
        PaginationStrategy: "ROWNUM",
        Refresh: "Y",
        API: { IsFlow: "N", Name: list.api, Input: { [list.inputRoot]: input } },
      },
      { signal: args.signal },
    );
    const page = parseOutput(pageReply, document, "getPage");
    // The list's output under its root element, as getPage returns it (or without it, as the REST API prints lists).
    const output = page.Output?.[list.root] ?? page.Output ?? {};
    const found = parseOutput(z.looseObject({ [list.element]: rowsReply }), output, `getPage (${list.api})`);
    const pageRows = found[list.element] ?? [];
    rows.push(...pageRows);
    const last = pageRows.length === 0 || (page.IsLastPage ? page.IsLastPage === "Y" : pageRows.length < pageSize);
    if (last) return { rows: rows.slice(0, limit), hasMore: rows.length > limit };
  }
  return { rows: rows.slice(0, limit), hasMore: true };
}
