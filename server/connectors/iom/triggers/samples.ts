// Sample trigger data for "Test flow" and the mapping preview, before any real IOM event exists.
export const sampleOrderStateChange = {
  shopOrderNumber: "INTRONICS-100042",
  shopCustomerNumber: "CUST-930293",
  createdAt: "2026-03-01T10:00:00Z",
  status: "STATE_DISPATCHED",
  icmStatus: "shipped",
  payment: { status: "Paid" as const, invoiced: 1204.95, paid: 1204.95, open: 0, currencyCode: "EUR" },
  positions: [{ number: 1, productNumber: "1000001", status: "STATE_DISPATCHED", icmStatus: "shipped" }],
  documents: [{ type: "invoiceNote", downloadLink: "https://iom.example.com/rest/…/documents/1" }],
  orderState: { shopOrderNumber: "INTRONICS-100042", status: "STATE_DISPATCHED" },
  previousStatus: "STATE_COMMISSIONED",
  previousIcmStatus: "transmitted",
  orderStatusChanged: true,
  changedPositions: [
    {
      number: 1,
      productNumber: "1000001",
      previousStatus: "STATE_COMMISSIONED",
      status: "STATE_DISPATCHED",
      icmStatus: "shipped",
    },
  ],
};

export const sampleReturnRequestChange = {
  shopOrderNumber: "INTRONICS-100042",
  returnRequest: {
    id: 4711,
    type: "RETURN",
    rmaNumber: "RMA-100042-1",
    status: "INITIAL",
    businessStatus: "IN_APPROVAL",
    shopOrderNumber: "INTRONICS-100042",
    shopName: "inTRONICS",
    creationDate: "2026-03-05T09:30:00Z",
  },
  isNew: true,
};
