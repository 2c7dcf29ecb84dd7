// The Sterling connector in the registry and the manifest: both connection modes with their fields, and its actions
// grouped as IBM App Connect groups them.
import { describe, expect, it } from "vitest";
import { buildManifest, findOperation } from "..";

describe("Sterling connector manifest", () => {
  const sterling = buildManifest().connectors.find((connector) => connector.id === "sterling");

  it("declares the REST API and IBM MQ modes with App Connect's fields", () => {
    expect(sterling).toMatchObject({ name: "IBM Sterling OMS", icon: "package", auth: { accountRequired: true } });
    const [rest, mq] = sterling?.auth?.modes ?? [];
    expect(rest?.fields.map((field) => [field.key, field.type, field.required])).toEqual([
      ["endpointUrl", "url", true],
      ["loginId", "text", true],
      ["password", "secret", true],
      ["certificate", "certificate", false],
      ["privateKey", "privateKey", false],
      ["ca", "certificate", false],
      ["timeZone", "text", false],
    ]);
    expect(mq?.key).toBe("mq");
    expect(mq?.fields.map((field) => field.key)).toEqual([
      "server",
      "queueManager",
      "channel",
      "cipherSpec",
      "passphrase",
      "certificateLabel",
      "certificate",
      "privateKey",
      "queue",
      "restUrl",
      "ca",
      "restUser",
      "restPassword",
    ]);
    const cipher = mq?.fields.find((field) => field.key === "cipherSpec");
    expect(cipher?.default).toBe("ECDHE_RSA_AES_128_GCM_SHA256");
    expect(cipher?.options?.map((option) => option.value)).toEqual(
      expect.arrayContaining([
        "ECDHE_RSA_AES_256_GCM_SHA384",
        "TLS_AES_128_GCM_SHA256",
        "TLS_AES_256_GCM_SHA384",
        "NONE",
      ]),
    );
  });

  it("lists the seed's seven events under their groups, each a polling trigger with the event filters", () => {
    expect(sterling?.triggers.map((trigger) => [trigger.group, trigger.label])).toEqual([
      ["Orders", "Orderline back order"],
      ["Orders", "Cancelled order"],
      ["Orders", "Released order"],
      ["Orders", "New order"],
      ["Orders", "Updated order"],
      ["Release orders", "New or updated release order"],
      ["Shipments", "New shipment"],
    ]);
    for (const trigger of sterling?.triggers ?? []) {
      expect(Object.keys(trigger.inputSchema.properties ?? {})).toEqual([
        "enterpriseCode",
        "documentType",
        "shipNode",
        "eventQueue",
        "overlapSeconds",
        "intervalSeconds",
      ]);
      expect(findOperation("sterling", trigger.key)).toMatchObject({ kind: "trigger", trigger: { kind: "poll" } });
    }
  });

  it("lists its actions under App Connect's groups", () => {
    // The "(async)" actions are listed in actions/async/async-actions.test.ts.
    const synchronous = sterling?.actions.filter((action) => !action.label.endsWith(" (async)"));
    expect(synchronous?.map((action) => [action.group, action.key, action.label])).toEqual([
      ["Catalog items", "createCatalogItem", "Create catalog item"],
      ["Catalog items", "getItemList", "Retrieve catalog items"],
      ["Customers", "createCustomer", "Create customer"],
      ["Customers", "getCustomerList", "Retrieve customers"],
      ["Customers", "updateCustomer", "Update customer"],
      ["Customers", "deleteCustomer", "Delete customer"],
      ["Orders", "createOrder", "Create order"],
      ["Orders", "getOrderList", "Retrieve orders"],
      ["Orders", "getOrderDetails", "Retrieve order details"],
      ["Orders", "changeOrder", "Update order"],
      ["Orders", "deleteOrder", "Delete order"],
      ["Release orders", "getOrderReleaseList", "Retrieve release orders"],
      ["Organizations", "createOrganization", "Create organization"],
      ["Organizations", "getOrganizationList", "Retrieve organizations"],
      ["Organizations", "updateOrganization", "Update organization"],
      ["Organizations", "deleteOrganization", "Delete organization"],
      ["Shipments", "updateOrCreateShipment", "Update or create shipment"],
      ["Shipments", "getShipmentList", "Retrieve shipments"],
    ]);
    const create = sterling?.actions.find((action) => action.key === "createOrder");
    expect(create?.inputSchema).toMatchObject({
      required: expect.arrayContaining(["enterpriseCode", "lines"]),
      properties: {
        lines: { type: "array", items: { title: "Line", required: ["itemId", "quantity"] } },
        documentType: { default: "0001" },
      },
    });
    expect(findOperation("sterling", "changeOrder")).toMatchObject({ kind: "action", connector: { id: "sterling" } });
  });

  it("declares, on every action with additional attributes, which attributes its form fields also set", () => {
    const withAttributes = (sterling?.actions ?? []).filter((action) =>
      Object.keys(action.inputSchema.properties ?? {}).includes("additionalAttributes"),
    );
    expect(withAttributes.length).toBeGreaterThanOrEqual(12);
    for (const action of withAttributes) {
      const properties = action.inputSchema.properties ?? {};
      const overlaps = Object.entries(properties).find(([name]) => name === "additionalAttributes")?.[1];
      expect(overlaps, action.key).toHaveProperty(["x-conflux-overlaps"]);
      const declared: unknown = Object.entries(overlaps ?? {}).find(([name]) => name === "x-conflux-overlaps")?.[1];
      for (const [attribute, sibling] of Object.entries(declared ?? {})) {
        expect(attribute, action.key).toMatch(/^[A-Z][A-Za-z]*$/);
        expect(Object.keys(properties), `${action.key}: ${attribute}`).toContain(sibling);
      }
    }
  });
});
