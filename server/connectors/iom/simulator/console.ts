// The built-in IOM simulator's page: its orders as a table, and what IOM's own processes would do to one (dispatch it
// with its delivery note and invoice, record the payment, cancel it), so that the order state trigger and Download
// documents have something to react to.
import { z } from "zod";
import type { IomBackend } from "./index";

export const iomConsoleActionSchema = z.object({
  action: z.enum(["dispatch", "pay", "cancel"]),
  shopOrderNumber: z.string().min(1),
});
export type IomConsoleAction = z.infer<typeof iomConsoleActionSchema>;

export function iomConsoleOrders(backend: IomBackend) {
  return [...backend.state.orders]
    .sort((a, b) => b.id - a.id)
    .slice(0, 50)
    .map((order) => ({
      shopOrderNumber: order.order.shopOrderNumber,
      shopName: backend.state.shops.find((shop) => shop.id === order.shopId)?.name ?? order.shopId,
      status: order.status.replace(/^STATE_/, ""),
      total: order.order.sales.total.gross?.amount ?? order.order.sales.total.net?.amount ?? 0,
      currency: order.order.sales.currencyCode,
      paid: (order.paymentState?.bookedDebitAmount ?? 0) > 0,
      positions: order.positions.map((position) => ({
        productNumber: position.productNumber,
        quantity: position.quantity,
        status: position.status.replace(/^STATE_/, ""),
      })),
      documents: order.documents.map((document) => document.type),
      updatedAt: order.updatedAt,
    }));
}

/** Applies one action; returns a sentence for the page, or throws an Error whose message says why not. */
export function runIomConsoleAction(backend: IomBackend, action: IomConsoleAction): string {
  const order = backend.state.orders.find((candidate) => candidate.order.shopOrderNumber === action.shopOrderNumber);
  if (!order) throw new Error(`There is no order ${action.shopOrderNumber}`);
  const number = action.shopOrderNumber;
  switch (action.action) {
    case "dispatch":
      if (order.status === "STATE_CANCELED") throw new Error(`Order ${number} is canceled`);
      backend.setOrderStatus(number, "STATE_DISPATCHED");
      // IOM makes the delivery note on dispatch and the invoice when it invoices the shipped goods.
      backend.addDocument(number, "deliveryNote");
      backend.addDocument(number, "invoiceNote");
      return `Order ${number} dispatched, with its delivery note and invoice.`;
    case "pay": {
      const total = order.order.sales.total.gross?.amount ?? order.order.sales.total.net?.amount ?? 0;
      backend.setPaymentState(number, {
        invoicingDebitAmount: total,
        bookedDebitAmount: total,
        chargedDebitAmount: total,
      });
      return `Order ${number} paid in full.`;
    }
    case "cancel":
      if (order.status === "STATE_DISPATCHED") throw new Error(`Order ${number} is dispatched already`);
      backend.setOrderStatus(number, "STATE_CANCELED");
      return `Order ${number} canceled.`;
  }
}
