// The filtered run list as CSV, streamed: rows are read a keyset page at a time and written as they come, so an
// export of any size holds one page in memory.
import type { ParsedRunFilter } from "@/lib/run-filters";
import type { DbOrTx } from "../db/client";
import { listRunPage, type RunCursor, type RunRow } from "../db/run-history.repository";
import { queryFilterOf } from "./runs-history.service";

const PAGE = 2000;

const HEADER = [
  "run_id",
  "flow",
  "status",
  "trigger",
  "business_key",
  "created_at",
  "started_at",
  "finished_at",
  "duration_ms",
  "error_code",
  "error_message",
  "replay_of",
];

/**
 * One CSV field (RFC 4180): quoted when it holds a comma, quote or line break. Text that a spreadsheet would take
 * for a formula (=, +, -, @ first) gets a leading apostrophe, so opening an export never runs anything.
 */
export function csvField(value: string | number | Date | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  let text = value instanceof Date ? value.toISOString() : value;
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function csvLine(row: RunRow): string {
  return (
    [
      row.id,
      row.flowName,
      row.status,
      row.triggerKind,
      row.businessKey,
      row.createdAt,
      row.startedAt,
      row.finishedAt,
      row.durationMs,
      row.errorCode,
      row.errorMessage,
      row.replayOfRunId,
    ]
      .map(csvField)
      .join(",") + "\r\n"
  );
}

/** The CSV text of every run the filter matches, newest first, in chunks of one page. */
export async function* exportRunsCsv(
  db: DbOrTx,
  workspaceId: string,
  input: ParsedRunFilter,
  now = new Date(),
): AsyncGenerator<string> {
  // The window is fixed once, so rows created while the export runs do not shift its pages.
  const filter = queryFilterOf(input, now);
  yield HEADER.join(",") + "\r\n";
  let cursor: RunCursor | undefined;
  do {
    const page = await listRunPage(db, workspaceId, { filter, sort: "started", limit: PAGE, cursor });
    yield page.items.map(csvLine).join("");
    cursor = page.next ?? undefined;
  } while (cursor);
}
