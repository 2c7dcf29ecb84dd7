// Sterling's output documents as later steps receive them: Sterling's own element and attribute names (so the
// Sterling documentation and the data tree in the designer agree), attribute values as the strings Sterling sends.
// Objects are loose: the attributes named here are the ones the connector relies on or users reach for most, and
// whatever else the server's output template adds passes through untouched.
import { z } from "zod";

/**
 * A repeating element. Sterling's JSON writes a list as an array, but a customised template or an older release may
 * write a single element as a bare object, and an empty list as nothing at all; all three read as an array.
 */
export function elementList<Schema extends z.ZodType>(schema: Schema) {
  return z.preprocess(
    (value) => (value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value : [value]),
    z.array(schema),
  );
}

const text = (title: string, description?: string) => z.string().optional().meta({ title, description });

export const orderLineDocument = z.looseObject({
  OrderLineKey: text("Order line key"),
  PrimeLineNo: text("Line number"),
  SubLineNo: text("Sub-line number"),
  OrderedQty: text("Ordered quantity"),
  Status: text("Status"),
  ShipNode: text("Ship node"),
  Item: z
    .looseObject({ ItemID: text("Item ID"), UnitOfMeasure: text("Unit of measure") })
    .optional()
    .meta({ title: "Item" }),
  LinePriceInfo: z
    .looseObject({ UnitPrice: text("Unit price") })
    .optional()
    .meta({ title: "Price" }),
});

export const orderDocument = z.looseObject({
  OrderHeaderKey: z.string().meta({
    title: "Order header key",
    description: "Sterling's immutable key of the order; prefer it to the order number in later calls.",
  }),
  OrderNo: z.string().meta({ title: "Order number" }),
  EnterpriseCode: text("Enterprise code"),
  DocumentType: text("Document type", "0001 sales order, 0003 return order, 0005 purchase order."),
  Status: text("Status", "The status description, e.g. Created or Shipped."),
  MinOrderStatus: text("Lowest line status code"),
  MaxOrderStatus: text("Highest line status code"),
  OrderDate: text("Order date"),
  CustomerEMailID: text("Customer e-mail"),
  BuyerOrganizationCode: text("Buyer organization"),
  SellerOrganizationCode: text("Seller organization"),
  PriceInfo: z
    .looseObject({ Currency: text("Currency"), TotalAmount: text("Total amount") })
    .optional()
    .meta({ title: "Price" }),
  OrderLines: z
    .looseObject({ OrderLine: elementList(orderLineDocument).meta({ title: "Order lines" }) })
    .optional()
    .meta({ title: "Order lines" }),
});

export const orderReleaseDocument = z.looseObject({
  OrderReleaseKey: z.string().meta({ title: "Order release key" }),
  ReleaseNo: text("Release number"),
  OrderHeaderKey: text("Order header key"),
  SalesOrderNo: text("Sales order number"),
  EnterpriseCode: text("Enterprise code"),
  ShipNode: text("Ship node"),
  Status: text("Status"),
});

export const shipmentDocument = z.looseObject({
  ShipmentKey: z.string().meta({ title: "Shipment key" }),
  ShipmentNo: text("Shipment number"),
  OrderNo: text("Order number"),
  EnterpriseCode: text("Enterprise code"),
  ShipNode: text("Ship node"),
  Status: text("Status"),
  SCAC: text("Carrier (SCAC)"),
  TrackingNo: text("Tracking number"),
  ActualShipmentDate: text("Shipped on"),
});

export const itemDocument = z.looseObject({
  ItemKey: text("Item key"),
  ItemID: z.string().meta({ title: "Item ID" }),
  UnitOfMeasure: text("Unit of measure"),
  OrganizationCode: text("Catalog organization"),
  PrimaryInformation: z
    .looseObject({
      Description: text("Description"),
      ShortDescription: text("Short description"),
      Status: text("Status"),
    })
    .optional()
    .meta({ title: "Primary information" }),
});

export const customerContactDocument = z.looseObject({
  CustomerContactID: text("Contact ID"),
  FirstName: text("First name"),
  LastName: text("Last name"),
  EmailID: text("E-mail"),
  DayPhone: text("Phone"),
});

export const customerDocument = z.looseObject({
  CustomerKey: text("Customer key"),
  CustomerID: z.string().meta({ title: "Customer ID" }),
  OrganizationCode: text("Organization"),
  CustomerType: text("Customer type", "01 business customer, 02 consumer."),
  Status: text("Status"),
  CustomerContactList: z
    .looseObject({ CustomerContact: elementList(customerContactDocument).meta({ title: "Contacts" }) })
    .optional()
    .meta({ title: "Contacts" }),
});

export const organizationDocument = z.looseObject({
  OrganizationKey: text("Organization key"),
  OrganizationCode: z.string().meta({ title: "Organization code" }),
  OrganizationName: text("Name"),
  ParentOrganizationCode: text("Parent organization"),
  IsEnterprise: text("Enterprise", "Y or N."),
  IsNode: text("Ship node", "Y or N."),
  IsSeller: text("Seller", "Y or N."),
  IsBuyer: text("Buyer", "Y or N."),
  CorporatePersonInfo: z
    .looseObject({
      AddressLine1: text("Address line 1"),
      City: text("City"),
      ZipCode: text("Postal code"),
      Country: text("Country"),
      EMailID: text("E-mail"),
    })
    .optional()
    .meta({ title: "Corporate address" }),
});
