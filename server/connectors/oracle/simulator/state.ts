// The simulated Order Management's data: sales orders with their fulfillment lines, the reference data an order is
// checked against (business units, source systems, items, units of measure, organizations), and how a reply looks.
export interface SimLine {
  FulfillLineId: number;
  LineId: number;
  LineNumber: number;
  FulfillLineNumber: number;
  SourceTransactionLineId: string;
  SourceTransactionLineNumber: string;
  SourceTransactionScheduleId: string;
  SourceScheduleNumber: string;
  TransactionCategoryCode: string;
  ProductNumber: string;
  OrderedQuantity: number;
  OrderedUOM: string;
  RequestedFulfillmentOrganizationCode: string | null;
  StatusCode: string;
  CreationDate: string;
  LastUpdateDate: string;
}

export interface SimOrder {
  HeaderId: number;
  OrderNumber: string;
  SourceTransactionNumber: string;
  SourceTransactionSystem: string;
  SourceTransactionId: string;
  BusinessUnitName: string;
  BuyingPartyName: string;
  TransactionType: string | null;
  TransactionalCurrencyCode: string | null;
  CustomerPONumber: string | null;
  ShippingInstructions: string | null;
  PackingInstructions: string | null;
  RequestedShipDate: string | null;
  Comments: string | null;
  StatusCode: string;
  SubmittedFlag: boolean;
  OnHoldFlag: boolean;
  CreationDate: string;
  LastUpdateDate: string;
  lines: SimLine[];
}

export interface SimReference {
  businessUnits: string[];
  sourceSystems: string[];
  items: string[];
  unitsOfMeasure: string[];
  organizations: string[];
}

export interface SimState extends SimReference {
  orders: SimOrder[];
  nextHeaderId: number;
  nextOrderNumber: number;
  nextLineId: number;
  clock: () => Date;
}

export interface SimReply {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Header attributes a client may read, filter and sort by (lines are a child resource). */
export const HEADER_ATTRIBUTES: ReadonlySet<string> = new Set([
  "HeaderId",
  "OrderNumber",
  "SourceTransactionNumber",
  "SourceTransactionSystem",
  "SourceTransactionId",
  "BusinessUnitName",
  "BuyingPartyName",
  "TransactionType",
  "TransactionalCurrencyCode",
  "CustomerPONumber",
  "ShippingInstructions",
  "PackingInstructions",
  "RequestedShipDate",
  "Comments",
  "StatusCode",
  "SubmittedFlag",
  "OnHoldFlag",
  "CreationDate",
  "LastUpdateDate",
]);

/** Attributes a create may set, besides the header's read-only ones. */
export const CREATE_ATTRIBUTES: ReadonlySet<string> = new Set([
  "SourceTransactionNumber",
  "SourceTransactionSystem",
  "SourceTransactionId",
  "SourceTransactionRevisionNumber",
  "BusinessUnitName",
  "RequestingBusinessUnitName",
  "BuyingPartyName",
  "TransactionType",
  "TransactionalCurrencyCode",
  "TransactionalCurrencyName",
  "CustomerPONumber",
  "ShippingInstructions",
  "PackingInstructions",
  "RequestedShipDate",
  "RequestedFulfillmentOrganizationName",
  "PaymentTerms",
  "FreezePriceFlag",
  "FreezeShippingChargeFlag",
  "FreezeTaxFlag",
  "Comments",
  "SubmittedFlag",
  "billToCustomer",
  "shipToCustomer",
  "lines",
]);

/** Attributes a PATCH may change on an open order. */
export const UPDATE_ATTRIBUTES: ReadonlySet<string> = new Set([
  "BuyingPartyName",
  "TransactionType",
  "CustomerPONumber",
  "ShippingInstructions",
  "PackingInstructions",
  "RequestedShipDate",
  "Comments",
  "SubmittedFlag",
]);

export const LINE_ATTRIBUTES: ReadonlySet<string> = new Set([
  "SourceTransactionLineId",
  "SourceTransactionLineNumber",
  "SourceTransactionScheduleId",
  "SourceScheduleNumber",
  "TransactionCategoryCode",
  "TransactionLineType",
  "ProductNumber",
  "OrderedQuantity",
  "OrderedUOM",
  "RequestedFulfillmentOrganizationCode",
]);

/** Timestamps as Fusion writes them: UTC with milliseconds and an explicit +00:00 offset. */
export function timestamp(date: Date): string {
  return date.toISOString().replace("Z", "+00:00");
}
