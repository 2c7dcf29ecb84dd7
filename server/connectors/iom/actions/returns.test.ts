// The Returns group against the simulated IOM: reasons by type, returnable positions, creating a return request
// and listing an order's requests, by shop name as RMA 2.10 addresses them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, runAction } from "@/test/connectors/sterling";
import { basicAccount, bearerAccount, sampleExport, startSampleIom } from "@/test/connectors/iom";
import type { IomSimulator } from "../simulator";
import { createReturnRequestAction } from "./create-return-request";
import { exportOrderAction } from "./export-order";
import { listReturnReasonsAction } from "./list-return-reasons";
import { listReturnRequestsAction } from "./list-return-requests";
import { listReturnablePositionsAction } from "./list-returnable-positions";

let iom: IomSimulator;
beforeAll(async () => {
  iom = await startSampleIom();
  await runAction(exportOrderAction, sampleExport("RET-1"), basicAccount(iom.url));
  iom.setOrderStatus("RET-1", "STATE_DISPATCHED");
});
afterAll(() => iom.close());

describe("Returns", () => {
  it("lists return reasons, filtered by type", async () => {
    const all = await runAction(listReturnReasonsAction, {}, basicAccount(iom.url));
    expect(all.count).toBe(4);
    const returns = await runAction(listReturnReasonsAction, { types: "RET" }, bearerAccount(iom.url));
    expect(returns.reasons).toEqual([
      { name: "RET010", description: "Return of goods / general", type: "RET" },
      { name: "RET100", description: "Transport damage", type: "RET" },
    ]);
    expect(iom.requests.at(-1)?.url).toBe("/rest/rma/shops/inTRONICS/return-reasons?type=RET");
  });

  it("creates a return request for returnable positions and lists it", async () => {
    const returnable = await runAction(
      listReturnablePositionsAction,
      { shopOrderNumber: "RET-1" },
      basicAccount(iom.url),
    );
    expect(returnable.positions).toEqual([
      { positionNumber: 1, quantity: 1, product: { number: "1000001", name: "Notebook 14" } },
      { positionNumber: 2, quantity: 2, product: { number: "1000002", name: "USB-C dock" } },
    ]);
    const created = await runAction(
      createReturnRequestAction,
      {
        shopOrderNumber: "RET-1",
        rmaNumber: "RMA-1",
        positions: [{ positionNumber: 2, productNumber: "1000002", quantity: 1, reason: "RET100" }],
      },
      basicAccount(iom.url),
    );
    expect(created).toMatchObject({ shopOrderNumber: "RET-1", id: expect.stringMatching(/^\d+$/) });
    expect(created.location).toMatch(/\/rest\/rma\/shops\/inTRONICS\/orders\/RET-1\/return-requests\/\d+$/);
    const posted = iom.requests.at(-1);
    expect(posted?.headers["content-type"]).toBe("application/vnd.intershop.return-request.v1+json");
    expect(JSON.parse(posted?.body ?? "{}")).toEqual({
      type: "RETURN",
      rmaNumber: "RMA-1",
      positions: [{ positionNumber: 2, productNumber: "1000002", quantity: 1, reason: "RET100" }],
    });
    const listed = await runAction(listReturnRequestsAction, { shopOrderNumber: "RET-1" }, basicAccount(iom.url));
    expect(listed.returnRequests).toMatchObject([
      { id: Number(created.id), type: "RETURN", rmaNumber: "RMA-1", status: "INITIAL", businessStatus: "IN_APPROVAL" },
    ]);
    const left = await runAction(listReturnablePositionsAction, { shopOrderNumber: "RET-1" }, basicAccount(iom.url));
    expect(left.positions.find((position) => position.positionNumber === 2)?.quantity).toBe(1);
  });

  it("creates one return request when its step runs again, and says the second found the first", async () => {
    await runAction(exportOrderAction, sampleExport("RET-2"), basicAccount(iom.url));
    iom.setOrderStatus("RET-2", "STATE_DISPATCHED");
    const input = {
      shopOrderNumber: "RET-2",
      positions: [{ positionNumber: 1, productNumber: "1000001", quantity: 1, reason: "RET100" }],
    };
    const first = await runAction(createReturnRequestAction, input, basicAccount(iom.url), "run-9:return");
    const again = await runAction(createReturnRequestAction, input, basicAccount(iom.url), "run-9:return");
    expect(first).toMatchObject({ alreadyCreated: false, rmaNumber: expect.stringMatching(/^CFX-[0-9a-f]{20}$/) });
    expect(again).toEqual({ ...first, alreadyCreated: true });
    const listed = await runAction(listReturnRequestsAction, { shopOrderNumber: "RET-2" }, basicAccount(iom.url));
    expect(listed.returnRequests.map((request) => request.rmaNumber)).toEqual([first.rmaNumber]);
  });

  it("names the position and field IOM refuses, and an unknown order", async () => {
    const tooMany = await failure(
      runAction(
        createReturnRequestAction,
        {
          shopOrderNumber: "RET-1",
          positions: [{ positionNumber: 1, productNumber: "1000001", quantity: 5, reason: "NOPE" }],
        },
        basicAccount(iom.url),
      ),
    );
    expect(tooMany.message).toMatch(
      /Position 1 \(quantity\): positions\[0\]\.quantity: exceeds the returnable quantity 1/,
    );
    expect(tooMany.message).toMatch(/positions\[0\]\.reason: unknown return reason \(value "NOPE"\)/);
    const unknown = await failure(
      runAction(listReturnRequestsAction, { shopOrderNumber: "NONE" }, basicAccount(iom.url)),
    );
    expect(unknown.message).toMatch(/does not know what the return requests of order NONE asked for \(404\)/);
  });
});
