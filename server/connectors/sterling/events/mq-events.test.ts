// What each Sterling event makes of the document Sterling publishes on its queue: the data the REST mode gives, or
// a sentence saying why the document cannot make that event's run.
import { describe, expect, it } from "vitest";
import { mqEventSpecs } from "./mq-events";

const message = { messageId: "ab".repeat(24), queue: "Q", root: "Order", format: "xml" as const };

describe("MQ event documents", () => {
  it("reads order events as the order, and requires its key", () => {
    for (const key of ["newOrder", "updatedOrder", "cancelledOrder", "releasedOrder"] as const) {
      expect(mqEventSpecs[key].roots).toEqual(["Order"]);
      expect(mqEventSpecs[key].toData({ OrderHeaderKey: "K1", OrderNo: "Y1" }, message)).toEqual({
        OrderHeaderKey: "K1",
        OrderNo: "Y1",
      });
      expect(() => mqEventSpecs[key].toData({ OrderNo: "Y1" }, message)).toThrow("the order has no OrderHeaderKey");
    }
  });

  it("names the back-ordered line: the one in 1300, or the order's only line", () => {
    const spec = mqEventSpecs.orderLineBackOrder;
    const lines = [
      { PrimeLineNo: "1", MaxLineStatus: "3200" },
      { PrimeLineNo: "2", MaxLineStatus: "1300.10" },
    ];
    expect(spec.toData({ OrderHeaderKey: "K1", OrderLines: { OrderLine: lines } }, message)).toMatchObject({
      BackorderedLine: { PrimeLineNo: "2" },
    });
    expect(
      spec.toData({ OrderHeaderKey: "K1", OrderLines: { OrderLine: [{ PrimeLineNo: "7" }] } }, message),
    ).toMatchObject({ BackorderedLine: { PrimeLineNo: "7" } });
    expect(() =>
      spec.toData({ OrderHeaderKey: "K1", OrderLines: { OrderLine: [lines[0]!, { PrimeLineNo: "3" }] } }, message),
    ).toThrow("the order has no line in status 1300 (Backordered)");
  });

  it("reads release orders and shipments by their own keys", () => {
    const release = mqEventSpecs.newOrUpdatedReleaseOrder;
    expect(release.roots).toEqual(["OrderRelease"]);
    expect(release.toData({ OrderReleaseKey: "R1", Createts: "t1", Modifyts: "t1" }, message)).toMatchObject({
      IsNew: true,
    });
    expect(release.toData({ OrderReleaseKey: "R1", Createts: "t1", Modifyts: "t2" }, message)).toMatchObject({
      IsNew: false,
    });
    expect(() => release.toData({}, message)).toThrow("the release order has no OrderReleaseKey");
    expect(mqEventSpecs.newShipment.roots).toEqual(["Shipment"]);
    expect(() => mqEventSpecs.newShipment.toData({ ShipmentNo: "S1" }, message)).toThrow(
      "the shipment has no ShipmentKey",
    );
  });
});
