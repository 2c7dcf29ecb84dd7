// Sample trigger data for "Test flow" and the mapping preview, before any real Oracle order or event exists.
export const sampleSalesOrder = {
  OrderKey: "LEG:R13_Sample_Order",
  HeaderId: "300100123456789",
  OrderNumber: "520042",
  SourceTransactionSystem: "LEG",
  SourceTransactionId: "R13_Sample_Order",
  SourceTransactionNumber: "R13_Sample_Order",
  BusinessUnitName: "Vision Operations",
  BuyingPartyName: "Computer Service and Rentals",
  TransactionType: "Standard Orders",
  StatusCode: "OPEN",
  SubmittedFlag: true,
  CreationDate: "2026-03-01T10:00:00.000+00:00",
  LastUpdateDate: "2026-03-01T10:05:00.000+00:00",
  lines: [
    {
      FulfillLineId: "300100123456790",
      LineNumber: 1,
      ProductNumber: "AS92888",
      OrderedQuantity: 5,
      OrderedUOM: "Each",
      RequestedFulfillmentOrganizationCode: "M1",
      StatusCode: "AWAIT_SHIP",
    },
  ],
};

const sampleEventLine = {
  FulfillLineId: "300100123456790",
  LineNumber: 1,
  ProductNumber: "AS92888",
  RequestedFulfillmentOrganizationCode: "M1",
  StatusCode: "SHIPPED",
  PreviousStatusCode: "AWAIT_SHIP",
  statusChanged: true,
};

export const sampleStatusEvent = {
  EventName: "Order Status Updated",
  EventId: "6f1c2a7e-0d7b-4a53-9d0e-2f3c1b7a9e10",
  OrderKey: "LEG:R13_Sample_Order",
  HeaderId: "300100123456789",
  OrderNumber: "520042",
  SourceTransactionSystem: "LEG",
  SourceTransactionId: "R13_Sample_Order",
  BusinessUnitName: "Vision Operations",
  StatusCode: "OPEN",
  PreviousStatusCode: "OPEN",
  orderStatusChanged: false,
  lines: [sampleEventLine],
  changedLines: [sampleEventLine],
  event: { EventName: "Order Status Updated", OrderNumber: "520042" },
};

export const sampleNotificationEvent = {
  ...sampleStatusEvent,
  EventName: "Sales Order Notification",
  NotificationType: "FULFILLMENT_LINE_STATUS_UPDATE",
  event: { EventName: "Sales Order Notification", OrderNumber: "520042" },
};
