// The formats the Toolbox reads and writes (Parse text, Build text): XML as data the way webhooks read it
// (sdk/xml-data.ts), CSV through csv-parse and csv-stringify (rows as objects named by the header line), and JSON.
import { parse as parseCsv } from "csv-parse/sync";
import { stringify as stringifyCsv } from "csv-stringify/sync";
import { ConfluxError } from "@/lib/errors";
import { isRecord } from "@/lib/is-record";
import { buildXml, parseXmlData } from "../../sdk/xml-data";

export const textFormats = ["json", "xml", "csv"] as const;
export type TextFormat = (typeof textFormats)[number];
export const textFormatLabels: Record<TextFormat, string> = { json: "JSON", xml: "XML", csv: "CSV" };
export const contentTypes: Record<TextFormat, string> = {
  json: "application/json",
  xml: "application/xml",
  csv: "text/csv",
};

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export interface CsvOptions {
  delimiter: string;
  /** The first line names the columns: rows are objects; otherwise each row is a list of its values. */
  header: boolean;
}

export function parseText(text: string, format: TextFormat, csv: CsvOptions): unknown {
  if (format === "xml") return parseXmlData(text, "The text");
  if (format === "json") {
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed;
    } catch (error) {
      throw new ConfluxError("INPUT_INVALID", `The text is not valid JSON: ${messageOf(error)}`);
    }
  }
  try {
    const rows: unknown = parseCsv(text, {
      columns: csv.header,
      delimiter: csv.delimiter,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    });
    return rows;
  } catch (error) {
    throw new ConfluxError("INPUT_INVALID", `The text is not valid CSV: ${messageOf(error)}`);
  }
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function buildText(
  data: unknown,
  format: TextFormat,
  options: { pretty: boolean; xmlValuesAs: "elements" | "attributes"; csv: CsvOptions },
): string {
  if (format === "json") return JSON.stringify(data, null, options.pretty ? 2 : undefined) ?? "null";
  if (format === "xml") return buildXml(data, { valuesAs: options.xmlValuesAs });
  if (!Array.isArray(data))
    throw new ConfluxError("INPUT_INVALID", "CSV needs a list of rows: map Data to a list of objects (or of lists).");
  if (data.every(isRecord)) {
    // Columns in the order they first appear, so a row missing a field leaves its cell empty instead of shifting.
    const columns = [...new Set(data.flatMap((row) => Object.keys(row)))];
    const rows = data.map((row) => columns.map((column) => csvCell(row[column])));
    return stringifyCsv(options.csv.header ? [columns, ...rows] : rows, { delimiter: options.csv.delimiter });
  }
  if (data.every(Array.isArray))
    return stringifyCsv(
      data.map((row) => row.map(csvCell)),
      { delimiter: options.csv.delimiter },
    );
  throw new ConfluxError("INPUT_INVALID", "CSV rows must all be objects (named columns) or all be lists.");
}
