// Sample data for tests and local trials: a small enterprise with orders in several states, a release, a shipment,
// catalog items and customers. Fresh objects on every call, since the simulator changes what it is given.
import type { Doc } from "./state";
import type { SterlingSimulatorOptions } from "./index";

export const SAMPLE_USER = { loginId: "conflux", password: "s3cret:pass" };
export const SAMPLE_MQ_USER = { user: "mqapp", password: "mq-pass" };

function line(primeLineNo: string, itemId: string, quantity: string, unitPrice: string): Doc {
  return {
    PrimeLineNo: primeLineNo,
    OrderedQty: quantity,
    Item: { ItemID: itemId, UnitOfMeasure: "EACH" },
    LinePriceInfo: { UnitPrice: unitPrice },
  };
}

/** Two enterprises and two ship nodes, as getOrganizationList lists them. */
export function sampleOrganizations(): Doc[] {
  const organization = (code: string, name: string, role: "enterprise" | "node"): Doc => ({
    OrganizationKey: code,
    OrganizationCode: code,
    OrganizationName: name,
    IsEnterprise: role === "enterprise" ? "Y" : "N",
    IsNode: role === "node" ? "Y" : "N",
    IsSeller: role === "enterprise" ? "Y" : "N",
    IsBuyer: "N",
  });
  return [
    organization("DEFAULT", "Default Enterprise", "enterprise"),
    organization("OTHER", "Other Brands Inc.", "enterprise"),
    organization("DC-EAST", "East Distribution Center", "node"),
    organization("STORE-12", "Store 12 (Boston)", "node"),
  ];
}

export function sampleData(): SterlingSimulatorOptions {
  return {
    users: [SAMPLE_USER],
    orders: [
      {
        OrderNo: "Y100001",
        EnterpriseCode: "DEFAULT",
        CustomerEMailID: "ada@example.com",
        OrderDate: "2025-03-01T09:00:00+00:00",
        MaxOrderStatus: "1100",
        PriceInfo: { Currency: "USD", TotalAmount: "59.97" },
        OrderLines: { OrderLine: [line("1", "SKU-1", "3", "19.99")] },
      },
      {
        OrderNo: "Y100002",
        EnterpriseCode: "DEFAULT",
        CustomerEMailID: "grace@example.com",
        OrderDate: "2025-03-05T15:30:00+00:00",
        MaxOrderStatus: "3700",
        OrderLines: { OrderLine: [line("1", "SKU-2", "1", "250.00"), line("2", "SKU-1", "2", "19.99")] },
      },
      {
        OrderNo: "Y100003",
        EnterpriseCode: "OTHER",
        OrderDate: "2025-04-01T00:00:00+00:00",
        MaxOrderStatus: "3200",
        OrderLines: { OrderLine: [line("1", "SKU-3", "5", "4.50")] },
      },
    ],
    releases: [
      {
        OrderReleaseKey: "R-1",
        ReleaseNo: "1",
        OrderHeaderKey: "202501010000000000000002",
        SalesOrderNo: "Y100002",
        EnterpriseCode: "DEFAULT",
        DocumentType: "0001",
        ShipNode: "DC-EAST",
        Status: "Shipped",
      },
    ],
    shipments: [
      {
        ShipmentKey: "S-1",
        ShipmentNo: "100000401",
        OrderNo: "Y100002",
        EnterpriseCode: "DEFAULT",
        ShipNode: "DC-EAST",
        Status: "1400",
        SCAC: "UPSN",
        TrackingNo: "1Z999AA10123456784",
        ActualShipmentDate: "2025-03-06T10:00:00+00:00",
      },
    ],
    items: ["SKU-1", "SKU-2", "SKU-3", "HAT-RED"].map((itemId, index) => ({
      ItemKey: `I-${index + 1}`,
      ItemID: itemId,
      UnitOfMeasure: "EACH",
      OrganizationCode: "DEFAULT",
      PrimaryInformation: { Description: `Sample ${itemId}`, ShortDescription: itemId, Status: "3000" },
    })),
    customers: [
      {
        CustomerKey: "C-1",
        CustomerID: "CUST-1",
        OrganizationCode: "DEFAULT",
        CustomerType: "02",
        Status: "10",
        CustomerContactList: {
          CustomerContact: [
            { CustomerContactID: "CC-1", FirstName: "Ada", LastName: "Lovelace", EmailID: "Ada@Example.com" },
          ],
        },
      },
      { CustomerKey: "C-2", CustomerID: "CUST-2", OrganizationCode: "DEFAULT", CustomerType: "01", Status: "10" },
    ],
    organizations: sampleOrganizations(),
    mq: { users: [SAMPLE_MQ_USER], queueManagers: { QM1: { "SMCFS.CREATE.ORDER": ["<Order/>"] } } },
  };
}
