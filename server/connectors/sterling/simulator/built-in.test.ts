// When the built-in simulator is on, what the Connect form offers for it, and that its REST layer answers under the
// app's mount path as the connector expects (login cookie scoped to that path).
import { describe, expect, it } from "vitest";
import { readConfig } from "@/server/boot/config";
import { buildManifest } from "../..";
import {
  BUILT_IN_MOUNT_PATH,
  builtInMq,
  builtInSimulator,
  builtInSimulatorPresets,
  serviceQueueDepths,
} from "./built-in";
import { runConsoleAction } from "./console";
import { SAMPLE_MQ_USER } from "./fixtures";

describe("the built-in Sterling simulator", () => {
  it("is on with the embedded database, off in production or with DATABASE_URL, unless the variable says", () => {
    expect(readConfig({}).sterlingSimulator).toBe(true);
    expect(readConfig({ NODE_ENV: "production" }).sterlingSimulator).toBe(false);
    expect(readConfig({ DATABASE_URL: "postgres://db/conflux" }).sterlingSimulator).toBe(false);
    expect(readConfig({ NODE_ENV: "production", CONFLUX_STERLING_SIMULATOR: "true" }).sterlingSimulator).toBe(true);
    expect(readConfig({ CONFLUX_STERLING_SIMULATOR: "false" }).sterlingSimulator).toBe(false);
    expect(() => readConfig({ CONFLUX_STERLING_SIMULATOR: "yes" })).toThrow(
      /CONFLUX_STERLING_SIMULATOR must be true or false/,
    );
  });

  it("is offered on the Connect form with the app's own loopback address, only when on", () => {
    expect(builtInSimulatorPresets(readConfig({ PORT: "3215", HOST: "0.0.0.0" }))).toMatchObject([
      {
        mode: "rest",
        values: { endpointUrl: "http://127.0.0.1:3215/api/simulators/sterling/smcfs/restapi", loginId: "conflux" },
      },
      {
        mode: "mq",
        values: {
          restUrl: "http://127.0.0.1:3215/api/simulators/sterling",
          queueManager: "QM1",
          queue: "SMCFS.CREATE.ORDER",
          restUser: "mqapp",
        },
      },
    ]);
    expect(builtInSimulatorPresets(readConfig({ CONFLUX_STERLING_SIMULATOR: "false" }))).toEqual([]);
    // The manifest carries it to the Connect form (vitest runs without DATABASE_URL, so the simulator is on).
    const sterling = buildManifest().connectors.find((connector) => connector.id === "sterling");
    expect(sterling?.auth?.presets?.map((preset) => preset.key)).toEqual([
      "built-in-simulator",
      "built-in-simulator-mq",
    ]);
  });

  it("answers login and getOrderList under the mount path", () => {
    const backend = builtInSimulator();
    const login = backend.handleRest({
      method: "POST",
      path: "/smcfs/restapi/invoke/login",
      query: new URLSearchParams(),
      body: JSON.stringify({ LoginID: "conflux", Password: "s3cret:pass" }),
    });
    expect(login.status).toBe(200);
    const cookies = [login.headers["set-cookie"] ?? []].flat();
    expect(cookies[0]).toContain(`Path=${BUILT_IN_MOUNT_PATH}/smcfs`);
    const token = JSON.parse(login.body).UserToken;
    const list = backend.handleRest({
      method: "POST",
      path: "/smcfs/restapi/invoke/getOrderList",
      query: new URLSearchParams({ _loginid: "conflux", _token: token }),
      cookie: cookies[0]?.split(";")[0],
      body: "{}",
    });
    const orders: Array<{ OrderNo: string }> = JSON.parse(list.body).Order;
    expect(orders.map((order) => order.OrderNo)).toEqual(["Y100001", "Y100002", "Y100003"]);
    expect(backend.recentCalls().map((call) => call.api)).toEqual(["getOrderList", "login"]);
  });

  it("publishes the page's changes on its IBM MQ event queues, which its messaging REST API hands out", () => {
    const mq = builtInMq();
    runConsoleAction(builtInSimulator(), {
      action: "create",
      enterpriseCode: "DEFAULT",
      customerEmail: "",
      itemId: "SKU-1",
      quantity: 1,
      unitPrice: 5,
    });
    const auth = `Basic ${Buffer.from(`${SAMPLE_MQ_USER.user}:${SAMPLE_MQ_USER.password}`).toString("base64")}`;
    const url = (resource: string) =>
      new URL(`http://app/ibmmq/rest/v2/messaging/qmgr/QM1/queue/SMCFS.ORDER.CREATED/${resource}`);
    const list = mq.handle({ method: "GET", url: url("messagelist"), headers: { authorization: auth }, body: "" });
    expect(JSON.parse(list.body)).toHaveLength(1);
    const noCsrf = mq.handle({ method: "DELETE", url: url("message"), headers: { authorization: auth }, body: "" });
    expect(noCsrf.status).toBe(403);
    const got = mq.handle({
      method: "DELETE",
      url: url("message"),
      headers: { authorization: auth, "ibm-mq-rest-csrf-token": "" },
      body: "",
    });
    expect(got.status).toBe(200);
    expect(got.body).toMatch(/<Order [^>]*EnterpriseCode="DEFAULT"/);
    expect(mq.messages("QM1", "SMCFS.ORDER.CREATED")).toEqual([]);
  });

  it("plays the createOrder service for messages put on SMCFS.CREATE.ORDER, refused ones to its error queue", () => {
    const mq = builtInMq();
    const put = (text: string) => putOn("SMCFS.CREATE.ORDER", text);
    const createdBefore = mq.messages("QM1", "SMCFS.ORDER.CREATED").length;
    const order =
      '<?xml version="1.0"?><Order EnterpriseCode="DEFAULT" OrderNo="ASYNC-1"><OrderLines><OrderLine PrimeLineNo="1" ' +
      'OrderedQty="1"><Item ItemID="SKU-1" UnitOfMeasure="EACH"/></OrderLine></OrderLines></Order>';
    expect(put(order).status).toBe(201);
    expect(builtInSimulator().state.orders.some((candidate) => candidate.OrderNo === "ASYNC-1")).toBe(true);
    expect(mq.messages("QM1", "SMCFS.CREATE.ORDER")).toEqual([]);
    expect(mq.messages("QM1", "SMCFS.ORDER.CREATED")).toHaveLength(createdBefore + 1);
    // The same order number again: Sterling refuses the duplicate, and the document waits on the error queue.
    expect(put(order).status).toBe(201);
    expect(mq.messages("QM1", "SMCFS.CREATE.ORDER.ERROR").map((message) => message.text)).toEqual([order]);
  });

  it("plays a service per API: changeOrder on SMCFS.CHANGE.ORDER, and refuses a document of another API", () => {
    const mq = builtInMq();
    const target = builtInSimulator().state.orders.find((candidate) => candidate.OrderNo === "Y100001");
    expect(target).toBeDefined();
    const change = '<Order EnterpriseCode="DEFAULT" OrderNo="Y100001" CustomerEMailID="changed@example.com"/>';
    expect(putOn("SMCFS.CHANGE.ORDER", change).status).toBe(201);
    expect(target?.CustomerEMailID).toBe("changed@example.com");
    expect(mq.messages("QM1", "SMCFS.CHANGE.ORDER")).toEqual([]);
    const customer = '<Customer CustomerID="X" OrganizationCode="DEFAULT"/>';
    expect(putOn("SMCFS.CHANGE.ORDER", customer).status).toBe(201);
    expect(mq.messages("QM1", "SMCFS.CHANGE.ORDER.ERROR").map((message) => message.text)).toEqual([customer]);
    expect(serviceQueueDepths().find((service) => service.api === "changeOrder")).toMatchObject({
      queue: "SMCFS.CHANGE.ORDER",
      waiting: 0,
      refused: 1,
    });
  });
});

/** Puts `text` on `queue` of the built-in queue manager through the messaging REST API, as an (async) step does. */
function putOn(queue: string, text: string) {
  const auth = `Basic ${Buffer.from(`${SAMPLE_MQ_USER.user}:${SAMPLE_MQ_USER.password}`).toString("base64")}`;
  return builtInMq().handle({
    method: "POST",
    url: new URL(`http://app/ibmmq/rest/v1/messaging/qmgr/QM1/queue/${queue}/message`),
    headers: { authorization: auth, "ibm-mq-rest-csrf-token": "x", "content-type": "application/xml;charset=utf-8" },
    body: text,
  });
}
