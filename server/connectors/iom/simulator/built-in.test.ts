// The built-in IOM simulator: offered on the Connect form when the built-in simulators are on, and answering under
// the app's mount path through its route handler as a real IOM would (201 + Location, order states).
import { describe, expect, it } from "vitest";
import { readConfig } from "@/server/boot/config";
import { GET, POST } from "@/app/api/simulators/iom/[...path]/route";
import { buildManifest } from "../..";
import { builtInIomPreset } from "./built-in";
import { SAMPLE_USER } from "./fixtures";

const auth = `Basic ${Buffer.from(`${SAMPLE_USER.user}:${SAMPLE_USER.password}`).toString("base64")}`;
const origin = "http://127.0.0.1:3215/api/simulators/iom";
const params = (path: string) => ({ params: Promise.resolve({ path: path.split("/").filter(Boolean) }) });

describe("the built-in IOM simulator", () => {
  it("is offered on the Connect form with the app's own loopback address, only when on", () => {
    expect(builtInIomPreset(readConfig({ PORT: "3215", HOST: "0.0.0.0" }))).toMatchObject({
      mode: "basic",
      values: { baseUrl: origin, user: "consumer_ws", shopId: "10000", shopName: "inTRONICS" },
    });
    expect(builtInIomPreset(readConfig({ CONFLUX_STERLING_SIMULATOR: "false" }))).toBeUndefined();
    const iom = buildManifest().connectors.find((connector) => connector.id === "iom");
    expect(iom?.auth?.presets?.map((preset) => preset.key)).toEqual(["built-in-simulator"]);
  });

  it("answers Order 2.0 through the route handler", async () => {
    const unauthorized = await GET(
      new Request(`${origin}/rest/order-service/shops/10000/order-states`),
      params("rest/order-service/shops/10000/order-states"),
    );
    expect(unauthorized.status).toBe(401);
    const states = await GET(
      new Request(`${origin}/rest/order-service/shops/10000/order-states?limit=1`, {
        headers: { authorization: auth },
      }),
      params("rest/order-service/shops/10000/order-states"),
    );
    expect(states.status).toBe(200);
    expect(states.headers.get("content-type")).toBe("application/vnd.intershop.order.v2+json");
    expect(await states.json()).toMatchObject({ data: [], meta: { totalCount: 0 } });
    const refused = await POST(
      new Request(`${origin}/rest/order-service/shops/10000/orders`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/vnd.intershop.order.v2+json" },
        body: "{}",
      }),
      params("rest/order-service/shops/10000/orders"),
    );
    expect(refused.status).toBe(400);
    expect(await refused.json()).toMatchObject({
      status: 400,
      errors: expect.arrayContaining([{ code: "VALIDATION_EXCEPTION", message: "shopOrderNumber: must not be null" }]),
    });
  });
});
