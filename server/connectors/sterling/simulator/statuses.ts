// Order and line statuses as Sterling keeps them: each line carries its status code (MinLineStatus/MaxLineStatus)
// and an OrderStatuses history whose records say when the line entered each status (StatusDate); the order's
// MinOrderStatus/MaxOrderStatus summarise its lines and Status is the description ("Partially Released" when the
// lines differ). Codes and descriptions are those of a standard sales order pipeline.
import { child, children, text, timestamp, type Doc, type SimulatorState } from "./state";

export const statusNames: Record<string, string> = {
  "1100": "Created",
  "1300": "Backordered",
  "1500": "Scheduled",
  "3200": "Released",
  "3350": "Included In Shipment",
  "3700": "Shipped",
  "9000": "Cancelled",
};
export const CREATED = "1100";
export const BACKORDERED = "1300";
export const SCHEDULED = "1500";
export const RELEASED = "3200";
export const INCLUDED_IN_SHIPMENT = "3350";
export const SHIPPED = "3700";
export const CANCELLED = "9000";

export function statusName(code: string): string {
  return statusNames[code] ?? code;
}

export function orderLines(order: Doc): Doc[] {
  return children(child(order, "OrderLines"), "OrderLine");
}

export function lineStatus(line: Doc): string {
  return text(line, "MaxLineStatus") || CREATED;
}

/** Moves a line into `code`, closing its current status record and opening one dated now. */
export function setLineStatus(line: Doc, code: string, state: Pick<SimulatorState, "clock">): void {
  const records = children(child(line, "OrderStatuses"), "OrderStatus");
  for (const record of records) record.StatusQty = "0";
  records.push({
    Status: code,
    StatusDescription: statusName(code),
    StatusDate: timestamp(state),
    StatusQty: text(line, "OrderedQty") || "0",
    OrderLineKey: text(line, "OrderLineKey"),
  });
  line.OrderStatuses = { OrderStatus: records };
  line.Status = statusName(code);
  line.MinLineStatus = code;
  line.MaxLineStatus = code;
}

/** Recomputes the order's status summary from its lines; cancelled lines count only when every line is. */
export function summariseOrderStatus(order: Doc): void {
  const codes = orderLines(order).map(lineStatus);
  const open = codes.filter((code) => code !== CANCELLED);
  const counted = open.length > 0 ? open : codes.length > 0 ? codes : [text(order, "MaxOrderStatus") || CREATED];
  const sorted = [...counted].sort((a, b) => Number(a) - Number(b));
  const min = sorted[0] ?? CREATED;
  const max = sorted.at(-1) ?? CREATED;
  order.MinOrderStatus = min;
  order.MaxOrderStatus = max;
  order.Status = min === max ? statusName(max) : `Partially ${statusName(max)}`;
}
