// Sterling's event handlers as the built-in simulator plays them: after each API call that changed something, the
// event's document goes onto the event's queue as XML, as an installation does with an action whose service ends in
// an IBM MQ sender (on_success of createOrder for a new order, of changeOrder for a change, and so on). The documents
// are what Sterling's events publish and the MQ-mode triggers read (events/mq-events.ts): the whole <Order> (with its
// lines and their status history), <OrderRelease> and <Shipment>. One queue per event, as the README asks of a real
// installation; a change published nowhere by a trigger simply waits on its queue.
import { toSterlingXml } from "../xml";
import type { SterlingDocument } from "../client";
import type { SterlingEventKey } from "../events/source";
import { BACKORDERED, CANCELLED, orderLines, RELEASED } from "./statuses";
import type { MqBroker } from "./mq";
import { child, children, text, type Doc, type SimulatorState } from "./state";

/** The queue each event is published on. */
export const SIMULATOR_EVENT_QUEUES: Record<SterlingEventKey, string> = {
  newOrder: "SMCFS.ORDER.CREATED",
  updatedOrder: "SMCFS.ORDER.CHANGED",
  cancelledOrder: "SMCFS.ORDER.CANCELLED",
  releasedOrder: "SMCFS.ORDER.RELEASED",
  orderLineBackOrder: "SMCFS.ORDER.BACKORDERED",
  newOrUpdatedReleaseOrder: "SMCFS.RELEASE.CHANGED",
  newShipment: "SMCFS.SHIPMENT.CREATED",
};

/** The events as the triggers name them, for the simulator's page. */
export const SIMULATOR_EVENT_LABELS: Record<SterlingEventKey, string> = {
  newOrder: "New order",
  updatedOrder: "Updated order",
  cancelledOrder: "Cancelled order",
  releasedOrder: "Released order",
  orderLineBackOrder: "Orderline back order",
  newOrUpdatedReleaseOrder: "New or updated release order",
  newShipment: "New shipment",
};

/** Each event queue with the number of messages waiting on it. */
export function eventQueueDepths(broker: MqBroker, queueManager: string) {
  return (Object.keys(SIMULATOR_EVENT_QUEUES) as SterlingEventKey[]).map((event) => ({
    event: SIMULATOR_EVENT_LABELS[event],
    queue: SIMULATOR_EVENT_QUEUES[event],
    waiting: broker.messages(queueManager, SIMULATOR_EVENT_QUEUES[event]).length,
  }));
}

interface OrderMark {
  lockid: string;
  cancelled: boolean;
  released: boolean;
  /** Per line key: how many times the line entered 1300 (Backordered). */
  backorders: Map<string, number>;
}

/** What the events compare before and after a call. */
export interface EventSnapshot {
  orders: Map<string, OrderMark>;
  releases: Map<string, string>;
  shipments: Set<string>;
}

const statusRecords = (line: Doc) => children(child(line, "OrderStatuses"), "OrderStatus");
const lineKey = (line: Doc) => text(line, "OrderLineKey") || `${text(line, "PrimeLineNo")}.${text(line, "SubLineNo")}`;

function markOf(order: Doc): OrderMark {
  const lines = orderLines(order);
  return {
    lockid: text(order, "Lockid"),
    cancelled: text(order, "MaxOrderStatus") === CANCELLED,
    released: lines.some((line) => statusRecords(line).some((record) => text(record, "Status") === RELEASED)),
    backorders: new Map(
      lines.map((line) => [
        lineKey(line),
        statusRecords(line).filter((record) => text(record, "Status").split(".")[0] === BACKORDERED).length,
      ]),
    ),
  };
}

export function eventSnapshot(state: SimulatorState): EventSnapshot {
  return {
    orders: new Map(state.orders.map((order) => [text(order, "OrderHeaderKey"), markOf(order)])),
    releases: new Map(state.releases.map((release) => [text(release, "OrderReleaseKey"), text(release, "Lockid")])),
    shipments: new Set(state.shipments.map((shipment) => text(shipment, "ShipmentKey"))),
  };
}

/** A simulator document as the XML an event publishes (the state holds only strings, elements and lists). */
function xml(root: string, doc: Doc): string {
  return toSterlingXml(root, JSON.parse(JSON.stringify(doc)) as SterlingDocument);
}

/** Publishes every event the state's changes since `before` raise, oldest kind first. */
export function publishEvents(
  before: EventSnapshot,
  state: SimulatorState,
  publish: (event: SterlingEventKey, text: string) => void,
): void {
  for (const order of state.orders) {
    const previous = before.orders.get(text(order, "OrderHeaderKey"));
    const now = markOf(order);
    if (!previous) {
      publish("newOrder", xml("Order", order));
      continue;
    }
    if (previous.lockid === now.lockid) continue;
    publish("updatedOrder", xml("Order", order));
    if (now.cancelled && !previous.cancelled) publish("cancelledOrder", xml("Order", order));
    if (now.released && !previous.released) publish("releasedOrder", xml("Order", order));
    const backOrdered = orderLines(order).filter(
      (line) => (now.backorders.get(lineKey(line)) ?? 0) > (previous.backorders.get(lineKey(line)) ?? 0),
    );
    for (const line of backOrdered) {
      // One event per back-ordered line: the order with that line, as the back order event's template gives it.
      publish("orderLineBackOrder", xml("Order", { ...order, OrderLines: { OrderLine: [line] } }));
    }
  }
  for (const release of state.releases) {
    const lockid = before.releases.get(text(release, "OrderReleaseKey"));
    if (lockid !== text(release, "Lockid")) publish("newOrUpdatedReleaseOrder", xml("OrderRelease", release));
  }
  for (const shipment of state.shipments) {
    if (!before.shipments.has(text(shipment, "ShipmentKey"))) publish("newShipment", xml("Shipment", shipment));
  }
}

/** The event queues, empty, for a queue manager's definition in MqOptions. */
export function eventQueueDefinitions(): Record<string, string[]> {
  return Object.fromEntries(Object.values(SIMULATOR_EVENT_QUEUES).map((queue) => [queue, []]));
}

/** The simulator's `around` hook that publishes the events of each call on `queueManager`'s event queues. */
export function publishingAround(broker: MqBroker, queueManager: string, state: () => SimulatorState) {
  return <T>(call: () => T): T => {
    const before = eventSnapshot(state());
    const result = call();
    publishEvents(before, state(), (event, text) => broker.put(queueManager, SIMULATOR_EVENT_QUEUES[event], text));
    return result;
  };
}
