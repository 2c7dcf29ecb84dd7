// An "(async)" action round trip: the step puts Sterling's createOrder document on a queue, and Sterling's
// integration server (played by the simulator: an MQ receiver and API node on that queue) takes it off and creates
// the order; a document the API refuses lands on the service's error queue.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mqAccount, runAction } from "@/test/connectors/sterling";
import { startSterlingSimulator, type SterlingSimulator } from "../../simulator";
import { SAMPLE_MQ_USER, SAMPLE_USER } from "../../simulator/fixtures";
import { runAsyncServices } from "../../simulator/integration-server";
import { createOrderAsyncAction } from "./orders/create-order-async";
import { asyncOutput } from "./put-document";

let sterling: SterlingSimulator;

beforeAll(async () => {
  sterling = await startSterlingSimulator({
    users: [SAMPLE_USER],
    mq: { users: [SAMPLE_MQ_USER], queueManagers: { QM1: { "SMCFS.ORDERS.IN": [], "SMCFS.ERRORS": [] } } },
  });
});
afterAll(() => sterling.close());

describe("Create order (async) with Sterling's integration server", () => {
  it("becomes the order once the service has taken the message", async () => {
    const output = asyncOutput.parse(
      await runAction(
        createOrderAsyncAction,
        {
          enterpriseCode: "DEFAULT",
          orderNo: "ASYNC-1",
          lines: [{ itemId: "SKU-1", quantity: 3 }],
          queue: "SMCFS.ORDERS.IN",
        },
        mqAccount(sterling.url),
        "run-rt:step-1",
      ),
    );
    const refused = sterling.mq!.put("QM1", "SMCFS.ORDERS.IN", '<Order OrderNo="ASYNC-2"/>');
    const service = { queueManager: "QM1", queue: "SMCFS.ORDERS.IN", api: "createOrder", errorQueue: "SMCFS.ERRORS" };
    const outcomes = await runAsyncServices(sterling, SAMPLE_USER, [service]);
    expect(outcomes.map((outcome) => [outcome.messageId, outcome.status])).toEqual([
      [output.messageId, 200],
      [refused.messageId, 400],
    ]);
    const order = sterling.state.orders.find((candidate) => candidate.OrderNo === "ASYNC-1");
    expect(order).toMatchObject({ EnterpriseCode: "DEFAULT", DocumentType: "0001" });
    expect(JSON.stringify(order)).toContain("SKU-1");
    expect(sterling.mq!.messages("QM1", "SMCFS.ORDERS.IN")).toEqual([]);
    expect(sterling.mq!.messages("QM1", "SMCFS.ERRORS").map((message) => message.text)).toEqual([
      '<Order OrderNo="ASYNC-2"/>',
    ]);
  });
});
