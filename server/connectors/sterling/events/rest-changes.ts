// Reads what changed in Sterling since a cursor through the REST API: getPage around a list API (getOrderList,
// getOrderReleaseList, getShipmentList) with an output template that names every attribute the cursor and the event
// need, because a list API's default template may leave out Createts and Modifyts. Rows come sorted by
// (timestamp, key) and are asked for from the start of the cursor's overlap window on ("<ts>QryType": "GE"; see
// cursor.ts for why a window); after each page the query starts again from the newest timestamp on that page (keyset
// paging, so rows changed meanwhile are never skipped), and only while a page holds nothing newer than that
// timestamp does it move to the next page number (ROWNUM strategy).
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import type { SterlingRestAccount } from "../account";
import { invokeSterling, parseOutput, type SterlingDocument } from "../client";
import { elementList } from "../documents";
import type { JsonValue } from "../../sdk";
import {
  alreadyRead,
  compareTimestamps,
  DEFAULT_OVERLAP_SECONDS,
  markRead,
  readChangeCursor,
  sterlingTimestamp,
  windowAt,
  writeChangeCursor,
  type ChangeWindow,
} from "./cursor";

export const PAGE_SIZE = 100;
/** Rows one poll reads at most; the rest wait for the next poll, which starts where this one stopped. */
export const MAX_PAGES_PER_POLL = 20;

export interface ChangeQuery {
  api: "getOrderList" | "getOrderReleaseList" | "getShipmentList";
  /** Output root and repeated element (OrderList/Order), and the input's root element (Order). */
  root: string;
  element: string;
  inputRoot: string;
  timestamp: "Createts" | "Modifyts";
  key: string;
  /** Whether a row changed again at the same timestamp counts as new (Modifyts polls: key#Lockid). */
  versioned: boolean;
  /** Equality filters (enterprise, document type, ship node), blank ones left out. */
  filters: SterlingDocument;
  /** The output template of one row; the timestamp, key and Lockid are added. */
  template: SterlingDocument;
}

/** A row read, with what the cursor reads of it apart from the document that goes to the flow. */
export interface ChangedRow {
  ts: string;
  key: string;
  /** Sterling's change counter, "" where the server left it out. */
  lockid: string;
  document: Record<string, unknown>;
}

const pageReply = z.looseObject({
  IsLastPage: z.enum(["Y", "N"]).optional(),
  Output: z.record(z.string(), z.unknown()),
});

function identity(query: ChangeQuery, row: ChangedRow): string {
  return query.versioned && row.lockid !== "" ? `${row.key}#${row.lockid}` : row.key;
}

async function readPage(
  account: SterlingRestAccount,
  query: ChangeQuery,
  args: { from?: string; pageNumber: number; pageSize: number; newestFirst?: boolean },
  signal: AbortSignal,
): Promise<{ rows: Array<Record<string, unknown>>; last: boolean }> {
  const order = args.newestFirst ? "Y" : "N";
  const input: SterlingDocument = {
    ...query.filters,
    ...(args.from ? { [query.timestamp]: args.from, [`${query.timestamp}QryType`]: "GE" } : {}),
    OrderBy: {
      Attribute: [
        { Name: query.timestamp, Desc: order },
        { Name: query.key, Desc: order },
      ],
    },
  };
  const template = { ...query.template, [query.timestamp]: "", [query.key]: "", Lockid: "" };
  const document = await invokeSterling(
    account,
    "getPage",
    {
      PageNumber: String(args.pageNumber),
      PageSize: String(args.pageSize),
      PaginationStrategy: "ROWNUM",
      Refresh: "Y",
      API: {
        IsFlow: "N",
        Name: query.api,
        Input: { [query.inputRoot]: input },
        Template: { [query.root]: { [query.element]: template } },
      },
    },
    { signal },
  );
  const page = parseOutput(pageReply, document, "getPage");
  const list = parseOutput(
    z.looseObject({ [query.element]: elementList(z.record(z.string(), z.unknown())) }),
    page.Output[query.root] ?? {},
    `getPage (${query.api})`,
  );
  const rows = list[query.element] ?? [];
  return { rows, last: page.IsLastPage ? page.IsLastPage === "Y" : rows.length < args.pageSize };
}

function checkedRow(query: ChangeQuery, row: Record<string, unknown>): ChangedRow {
  const ts = row[query.timestamp];
  const key = row[query.key];
  if (typeof ts !== "string" || ts === "" || typeof key !== "string" || key === "") {
    throw new RemoteError(
      "REMOTE",
      `Sterling's ${query.api} returned a row without ${query.timestamp} or ${query.key} although the output ` +
        "template asked for them; check that the user's API security template allows them",
      { retryable: false, details: { row } },
    );
  }
  return { ts, key, lockid: typeof row.Lockid === "string" ? row.Lockid : "", document: row };
}

/** The window that marks everything that exists now ("from now" on a first poll). */
export async function currentPosition(
  account: SterlingRestAccount,
  query: ChangeQuery,
  signal: AbortSignal,
): Promise<ChangeWindow> {
  const { rows } = await readPage(account, query, { pageNumber: 1, pageSize: PAGE_SIZE, newestFirst: true }, signal);
  const checked = rows.map((row) => checkedRow(query, row));
  const newest = checked[0];
  // Nothing matches yet: everything that appears later is new. The local clock is no measure of Sterling's.
  if (!newest) return windowAt(sterlingTimestamp(new Date(0)));
  const atNewest = checked.filter((row) => compareTimestamps(row.ts, newest.ts) === 0);
  return windowAt(
    newest.ts,
    atNewest.map((row) => identity(query, row)),
  );
}

/** The rows changed since `window` was read, oldest first; marks them read in `window`. */
export async function readChanges(
  account: SterlingRestAccount,
  query: ChangeQuery,
  window: ChangeWindow,
  signal: AbortSignal,
): Promise<ChangedRow[]> {
  let from = window.from;
  let pageNumber = 1;
  const rows: ChangedRow[] = [];
  for (let pages = 0; pages < MAX_PAGES_PER_POLL; pages += 1) {
    const page = await readPage(account, query, { from, pageNumber, pageSize: PAGE_SIZE }, signal);
    let newestOnPage = from;
    for (const raw of page.rows) {
      const row = checkedRow(query, raw);
      if (compareTimestamps(row.ts, newestOnPage) > 0) newestOnPage = row.ts;
      const id = identity(query, row);
      if (alreadyRead(window, row.ts, id)) continue;
      rows.push(row);
      markRead(window, row.ts, id);
    }
    if (page.last) break;
    if (compareTimestamps(newestOnPage, from) !== 0) {
      from = newestOnPage;
      pageNumber = 1;
    } else {
      pageNumber += 1;
    }
  }
  return rows;
}

/**
 * One poll of an event's rows. The first poll of a "since" start reads from that time; a "from now" start only marks
 * where things stand (the runtime runs nothing from it). Every later poll reads again the last `overlapSeconds`
 * before the newest row it read, for rows that Sterling committed late.
 */
export async function pollChangedRows(
  args: {
    account: SterlingRestAccount;
    cursor: JsonValue | null;
    since: Date | null;
    signal: AbortSignal;
    input: { overlapSeconds?: number };
  },
  query: ChangeQuery,
): Promise<{ rows: ChangedRow[]; nextCursor: JsonValue }> {
  const overlap = args.input.overlapSeconds ?? DEFAULT_OVERLAP_SECONDS;
  const stored = readChangeCursor(args.cursor);
  if (!stored && !args.since) {
    const position = await currentPosition(args.account, query, args.signal);
    return { rows: [], nextCursor: writeChangeCursor(position, overlap) };
  }
  const window = stored ?? windowAt(sterlingTimestamp(args.since ?? new Date(0)));
  const rows = await readChanges(args.account, query, window, args.signal);
  return { rows, nextCursor: writeChangeCursor(window, overlap) };
}
