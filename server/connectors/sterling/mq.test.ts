// The MQ client against the simulated mqweb, and the simulated mqweb against what IBM documents: the CSRF header,
// the text content types, the descriptor headers, selectors, 204 for no message, and which methods and versions
// each MQ level serves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, mqAccount } from "@/test/connectors/sterling";
import { mqAccount as toMqAccount } from "./account";
import { MQ_MODES, sterlingAccounts } from "./auth";
import { browseMessage, listMessageIds, putMessage, removeMessage } from "./mq";
import { startSterlingSimulator, type SterlingSimulator } from "./simulator";
import { SAMPLE_MQ_USER } from "./simulator/fixtures";

const QUEUE = "DEV.QUEUE.1";
let sterling: SterlingSimulator;
const signal = new AbortController().signal;
const auth = `Basic ${Buffer.from(`${SAMPLE_MQ_USER.user}:${SAMPLE_MQ_USER.password}`).toString("base64")}`;

beforeAll(async () => {
  sterling = await startSterlingSimulator({
    users: [],
    mq: { users: [SAMPLE_MQ_USER], queueManagers: { "QM.A": { [QUEUE]: [] } } },
  });
});
afterAll(() => sterling.close());

const readMq = (account: ReturnType<typeof mqAccount>) =>
  toMqAccount(sterlingAccounts.read({ id: "acc-1", ...account }, "a test", MQ_MODES));
const account = () => readMq(mqAccount(sterling.url, { queueManager: "QM.A", queue: QUEUE }));
const url = (version = "v1", resource = "message") =>
  `${sterling.url}/ibmmq/rest/${version}/messaging/qmgr/QM%2EA/queue/${QUEUE}/${resource}`;

describe("IBM MQ messaging REST client", () => {
  it("puts, lists, browses and removes by message id, with the queue manager's period encoded", async () => {
    const put = await putMessage(
      account(),
      QUEUE,
      {
        text: '<Order OrderNo="Ü-1"/>',
        contentType: "application/xml",
        persistent: true,
        correlationId: "ab".repeat(24),
      },
      signal,
    );
    expect(put.messageId).toMatch(/^[0-9a-f]{48}$/);
    expect(sterling.requests.at(-1)?.path).toBe("/ibmmq/rest/v1/messaging/qmgr/QM%2EA/queue/DEV.QUEUE.1/message");
    expect(await listMessageIds(account(), QUEUE, signal)).toEqual([put.messageId]);
    const browsed = await browseMessage(account(), QUEUE, { messageId: put.messageId }, signal);
    expect(browsed).toMatchObject({
      messageId: put.messageId,
      correlationId: "ab".repeat(24),
      text: '<Order OrderNo="Ü-1"/>',
    });
    expect(browsed?.descriptor).toMatchObject({
      "ibm-mq-md-persistence": "persistent",
      "ibm-mq-md-expiry": "unlimited",
    });
    expect(await removeMessage(account(), QUEUE, put.messageId, signal)).toBe(true);
    expect(await removeMessage(account(), QUEUE, put.messageId, signal)).toBe(false);
    expect(await browseMessage(account(), QUEUE, { messageId: put.messageId }, signal)).toBeUndefined();
  });

  it("says that events need browsing on an mqweb before 9.1.3", async () => {
    const old = await startSterlingSimulator({
      users: [],
      mq: { users: [SAMPLE_MQ_USER], queueManagers: { QM1: { [QUEUE]: ["x"] } }, level: "9.0.4" },
    });
    try {
      const refused = await failure(listMessageIds(readMq(mqAccount(old.url, { queue: QUEUE })), QUEUE, signal));
      expect(refused.message).toMatch(
        /answered 404: either the MQ messaging REST URL is wrong, or its mqweb server cannot browse queues \(IBM MQ 9\.1\.3 or later can\)/,
      );
    } finally {
      await old.close();
    }
  });
});

describe("simulated mqweb", () => {
  const post = (headers: Record<string, string>, body = "hello", target = url()) =>
    fetch(target, { method: "POST", headers: { authorization: auth, ...headers }, body });

  it("needs the CSRF header on POST and DELETE, any value, even blank", async () => {
    const missing = await post({ "content-type": "text/plain" });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ error: [{ msgId: "MQWB0100E" }] });
    const blank = await post({ "content-type": "text/plain", "ibm-mq-rest-csrf-token": "" });
    expect(blank.status).toBe(201);
    expect(await blank.text()).toBe("");
    const messageId = blank.headers.get("ibm-mq-md-messageid") ?? "";
    const get = await fetch(`${url()}?messageId=${messageId}`, { method: "DELETE", headers: { authorization: auth } });
    expect(get.status).toBe(403);
    const got = await fetch(`${url()}?messageId=${messageId}`, {
      method: "DELETE",
      headers: { authorization: auth, "ibm-mq-rest-csrf-token": "x" },
    });
    expect(got.status).toBe(200);
    expect(await got.text()).toBe("hello");
  });

  it("takes the five text types in UTF-8 only, and checks the descriptor headers", async () => {
    const csrf = { "ibm-mq-rest-csrf-token": "x" };
    for (const type of [
      "text/plain",
      "text/html",
      "text/xml",
      "application/json;charset=utf-8",
      "application/xml; charset=UTF-8",
    ]) {
      expect((await post({ ...csrf, "content-type": type }, "{}")).status).toBe(201);
    }
    expect((await post({ ...csrf, "content-type": "application/octet-stream" })).status).toBe(415);
    expect((await post({ ...csrf, "content-type": "text/plain;charset=iso-8859-1" })).status).toBe(400);
    for (const [name, value] of [
      ["ibm-mq-md-persistence", "always"],
      ["ibm-mq-md-expiry", "-5"],
      ["ibm-mq-md-correlationId", "not-hex"],
    ] as const) {
      const refused = await post({ ...csrf, "content-type": "text/plain", [name]: value });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toMatchObject({ error: [{ msgId: "MQWB0302E" }] });
    }
    const empty = await fetch(`${url()}?correlationId=${"0f".repeat(24)}`, { headers: { authorization: auth } });
    expect(empty.status).toBe(204);
  });

  it("serves GET and messagelist from 9.1.3, v2 from 9.1.5 and v3 from 9.2.5", async () => {
    const levels = ["9.0.4", "9.1.3", "9.1.5", "9.2.5"] as const;
    const seen: Array<[string, number, number, number, number]> = [];
    for (const level of levels) {
      const server = await startSterlingSimulator({
        users: [],
        mq: { users: [SAMPLE_MQ_USER], queueManagers: { QM1: { Q: [] } }, level },
      });
      const status = async (version: string, resource: string, method = "GET") =>
        (
          await fetch(`${server.url}/ibmmq/rest/${version}/messaging/qmgr/QM1/queue/Q/${resource}`, {
            method,
            headers: { authorization: auth },
          })
        ).status;
      seen.push([
        level,
        await status("v1", "message"),
        await status("v1", "messagelist"),
        await status("v2", "message"),
        await status("v3", "message"),
      ]);
      await server.close();
    }
    expect(seen).toEqual([
      ["9.0.4", 405, 404, 404, 404],
      ["9.1.3", 204, 200, 404, 404],
      ["9.1.5", 204, 200, 204, 404],
      ["9.2.5", 204, 200, 204, 204],
    ]);
  });
});
