import { describe, expect, it } from "vitest";
import type { ConnectorManifest, ManifestConnector, ManifestOperation } from "@/lib/connector-manifest";
import { flattenSections, pickerSections } from "./node-picker-options";

function action(key: string, label: string, group: string, description = ""): ManifestOperation {
  return { key, kind: "action", label, description, group, inputSchema: {} };
}

function connector(id: string, name: string, actions: ManifestOperation[]): ManifestConnector {
  return { id, name, description: "", icon: "box", testable: false, triggers: [], actions };
}

const manifest: ConnectorManifest = {
  connectors: [
    connector("core", "Toolbox", [
      action("log", "Log", "Toolbox", "Writes a message"),
      action("if", "If", "Logic", "Branches on a condition"),
    ]),
    connector("http", "HTTP", [action("request", "Send a request", "HTTP", "Calls any HTTP API")]),
    connector("sterling", "IBM Sterling OMS", [
      action("getOrderList", "Get order list", "Orders", "Finds orders"),
      action("createOrder", "Create order", "Orders", "Creates an order"),
      action("getShipmentList", "Get shipment list", "Shipments", "Finds shipments of an order"),
    ]),
  ],
};

const headings = (query: string) => pickerSections(manifest, query).map((section) => section.heading);
const ids = (query: string) => flattenSections(pickerSections(manifest, query)).map((option) => option.id);

describe("pickerSections", () => {
  it("lists the Toolbox, then each application by the vendor's groups", () => {
    expect(headings("")).toEqual(["Toolbox", "HTTP", "IBM Sterling OMS › Orders", "IBM Sterling OMS › Shipments"]);
    expect(ids("")).toEqual([
      "core-log",
      "core-if",
      "http-request",
      "sterling-getOrderList",
      "sterling-createOrder",
      "sterling-getShipmentList",
    ]);
  });

  it("filters on every word, across application, group, label and description", () => {
    expect(ids("sterling ship")).toEqual(["sterling-getShipmentList"]);
    expect(ids("IBM orders")).toEqual(["sterling-getOrderList", "sterling-createOrder"]);
    expect(ids("IBM order")).toHaveLength(3);
    expect(ids("condition")).toEqual(["core-if"]);
    expect(ids("nothing like this")).toEqual([]);
  });

  it("ranks a label that starts with the query first, moving its section up", () => {
    expect(ids("create")).toEqual(["sterling-createOrder"]);
    expect(ids("order")[0]).toBe("sterling-getOrderList");
    expect(headings("send")).toEqual(["HTTP"]);
    expect(ids("if")[0]).toBe("core-if");
  });
});
