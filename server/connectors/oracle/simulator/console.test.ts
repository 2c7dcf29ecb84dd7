// The simulator page's actions: orders move through orchestration and each change sends the business events to the
// endpoint set up for them, with Basic credentials, carrying the order, its lines and the previous statuses.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenOnLoopback } from "@/test/local-server";
import { runConsoleAction } from "./console";
import { createEventOutbox } from "./events";
import { SAMPLE_USER, sampleReference } from "./fixtures";
import { createOracleBackend } from "./index";

const received: Array<{ authorization: string | undefined; body: Record<string, unknown> }> = [];
let endpoint = "";
const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    received.push({ authorization: req.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString()) });
    res.writeHead(200, { "content-type": "application/json" }).end('{"runId":"r-1"}');
  });
});
beforeAll(async () => {
  endpoint = await listenOnLoopback(server);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("runConsoleAction", () => {
  it("creates, submits, ships and holds an order, sending the events set up for it", async () => {
    const backend = createOracleBackend({ users: [SAMPLE_USER], ...sampleReference() });
    const outbox = createEventOutbox();
    const create = {
      action: "create" as const,
      sourceSystem: "LEG",
      businessUnitName: "Vision Operations",
      buyingPartyName: "Ada",
      productNumber: "AS92888",
      quantity: 2,
      organization: "M1",
      submit: false,
    };
    const created = await runConsoleAction(backend, outbox, create);
    expect(created.message).toMatch(/^Created sales order \d+ \(LEG:WEB-/);
    const orderKey = `LEG:${backend.state.orders[0]?.SourceTransactionId}`;
    const none = await runConsoleAction(backend, outbox, { action: "submit", orderKey });
    expect(none.message).toContain("No event endpoint is set up");

    for (const event of ["Order Status Updated", "Sales Order Notification"] as const) {
      await runConsoleAction(backend, outbox, {
        action: "subscribe",
        event,
        url: `${endpoint}/${event}`,
        user: "oracle",
        password: "s3cret",
      });
    }
    const shipped = await runConsoleAction(backend, outbox, { action: "ship", orderKey });
    expect(shipped.deliveries.map((d) => [d.event, d.status])).toEqual([
      ["Order Status Updated", 200],
      ["Sales Order Notification", 200],
    ]);
    expect(received[0]?.authorization).toBe(`Basic ${Buffer.from("oracle:s3cret").toString("base64")}`);
    expect(received[0]?.body).toMatchObject({
      EventName: "Order Status Updated",
      SourceTransactionSystem: "LEG",
      BusinessUnitName: "Vision Operations",
      StatusCode: "OPEN",
      PreviousStatusCode: "OPEN",
      FulfillLines: [
        {
          ProductNumber: "AS92888",
          RequestedFulfillmentOrganizationCode: "M1",
          StatusCode: "SHIPPED",
          PreviousStatusCode: "AWAIT_SHIP",
        },
      ],
    });
    expect(received[1]?.body).toMatchObject({
      EventName: "Sales Order Notification",
      NotificationType: "FULFILLMENT_LINE_STATUS_UPDATE",
    });

    const held = await runConsoleAction(backend, outbox, { action: "hold", orderKey });
    expect(held.deliveries.map((d) => d.event)).toEqual(["Sales Order Notification"]);
    expect(received.at(-1)?.body).toMatchObject({ NotificationType: "HOLD", OnHoldFlag: true });
    expect(outbox.deliveries[0]).toMatchObject({
      event: "Sales Order Notification",
      status: 200,
      answer: '{"runId":"r-1"}',
    });
  });
});
