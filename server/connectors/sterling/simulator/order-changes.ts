// The simulator's changeOrder: cancel an order, or modify it. Lines are matched by PrimeLineNo and SubLineNo; a line's
// Action says what happens to it (IBM's changeOrder: CREATE adds the line, MODIFY, the default, changes the one that
// exists, CANCEL cancels it). Header attributes a caller may set are copied onto the order.
import { z } from "zod";
import { checkItem, findOrder, identityInput, newLineInput, quantity, systemAttributes } from "./orders";
import { attribute, docSchema, faults, mintKey, parseInput, text, touch, type Doc, type SimulatorState } from "./state";
import { CANCELLED, CREATED, orderLines, setLineStatus, SHIPPED, summariseOrderStatus } from "./statuses";

const lineChange = z.looseObject({
  PrimeLineNo: z.string(),
  SubLineNo: attribute,
  Action: z.enum(["CREATE", "MODIFY", "CANCEL"]).optional(),
  OrderedQty: quantity.optional(),
});

const changeInput = identityInput.extend({
  Action: z.enum(["MODIFY", "CANCEL"]).optional(),
  OrderLines: z.looseObject({ OrderLine: z.array(lineChange) }).optional(),
});

const notHeaderChanges = new Set<string>([
  "OrderNo",
  "EnterpriseCode",
  "DocumentType",
  "Action",
  "OrderLines",
  ...systemAttributes,
]);

function cancelOrder(order: Doc, state: SimulatorState): Doc {
  const status = text(order, "MaxOrderStatus");
  if (Number(status) >= Number(SHIPPED) && status !== CANCELLED) throw faults.cannotCancel(text(order, "Status"));
  for (const line of orderLines(order)) {
    if (text(line, "MaxLineStatus") !== CANCELLED) setLineStatus(line, CANCELLED, state);
  }
  summariseOrderStatus(order);
  touch(order, state);
  return order;
}

/** A new line from its changeOrder element, in Created, keyed as Sterling keys lines (its own OrderLineKey). */
function createLine(raw: unknown, order: Doc, lines: Doc[], state: SimulatorState): Doc {
  const doc = parseInput(docSchema, raw, "changeOrder");
  const line = parseInput(newLineInput, doc, "changeOrder");
  checkItem(line, state);
  const subLineNo = text(doc, "SubLineNo") || "1";
  const taken = lines.some(
    (candidate) => text(candidate, "PrimeLineNo") === line.PrimeLineNo && text(candidate, "SubLineNo") === subLineNo,
  );
  if (taken) throw faults.badInput(`changeOrder: order line ${line.PrimeLineNo} already exists; modify it instead`);
  const { Action: _action, MinLineStatus: _min, MaxLineStatus: _max, OrderStatuses: _statuses, ...given } = doc;
  const created: Doc = {
    ...given,
    OrderLineKey: mintKey(state),
    OrderHeaderKey: text(order, "OrderHeaderKey"),
    SubLineNo: subLineNo,
  };
  setLineStatus(created, CREATED, state);
  return created;
}

function changeOrder(raw: unknown, state: SimulatorState): Doc {
  const doc = parseInput(docSchema, raw, "changeOrder");
  const input = parseInput(changeInput, doc, "changeOrder");
  const stored = findOrder(state, input, "changeOrder");
  if (input.Action === "CANCEL") return cancelOrder(stored, state);
  // Sterling changes an order in one transaction: a refused line leaves every other change of the call undone.
  const order = structuredClone(stored);
  const lines = orderLines(order);
  for (const change of input.OrderLines?.OrderLine ?? []) {
    if (change.Action === "CREATE") {
      lines.push(createLine(change, order, lines, state));
      continue;
    }
    const subLineNo = change.SubLineNo ?? "1";
    const line = lines.find(
      (candidate) =>
        text(candidate, "PrimeLineNo") === change.PrimeLineNo && text(candidate, "SubLineNo") === subLineNo,
    );
    if (!line) throw faults.lineNotFound(change.PrimeLineNo);
    if (change.Action === "CANCEL") {
      line.OrderedQty = "0";
      setLineStatus(line, CANCELLED, state);
    } else if (change.OrderedQty !== undefined) {
      line.OrderedQty = change.OrderedQty;
    }
  }
  order.OrderLines = { OrderLine: lines };
  for (const [key, value] of Object.entries(doc)) {
    if (!notHeaderChanges.has(key) && !key.startsWith("Modification")) order[key] = value;
  }
  if (lines.length > 0) summariseOrderStatus(order);
  touch(order, state);
  for (const key of Object.keys(stored)) delete stored[key];
  return Object.assign(stored, order);
}

export const orderChangeApis = { changeOrder };
