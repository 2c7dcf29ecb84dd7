// The Order 2.0 request body for Export order, and the labels its ErrorReport paths read as.
import type { ExportOrderInput } from "./export-order-input";

type Address = ExportOrderInput["invoiceAddress"];

export const exportFieldLabels: Record<string, string> = {
  shopOrderNumber: "Shop order number",
  shopOrderCreationDate: "Order date",
  customerData: "Customer type",
  "customerData.shopCustomerNumber": "Shop customer number",
  "customerData.companyData": "Customer company",
  invoiceAddress: "Invoice address",
  "invoiceAddress.location.countryCode": "Invoice address country",
  "invoiceAddress.location.postCode": "Invoice address post code",
  "invoiceAddress.location.city": "Invoice address city",
  "invoiceAddress.receiver": "Invoice address name",
  shippingBuckets: "Lines",
  "shippingBuckets.shippingAddress": "Shipping address",
  "shippingBuckets.shippingMethod": "Carrier / shipping method",
  payment: "Payment method",
  "payment.paymentMethod": "Payment method",
  "sales.currencyCode": "Currency",
  "sales.total": "Order total",
  sales: "Order total",
  "line.product.number": "Shop product ID",
  "line.product.name": "Product name",
  "line.quantity": "Quantity",
  "line.sum": "Line total",
  "line.sum.taxes": "Tax type",
};

const round = (value: number) => Math.round(value * 100) / 100;

function taxed(amount: number, tax: number, taxType: string, pricesAre: "gross" | "net") {
  const net = pricesAre === "net" ? amount : amount - tax;
  const gross = pricesAre === "gross" ? amount : amount + tax;
  return {
    net: { amount: round(net) },
    gross: { amount: round(gross) },
    taxes: [{ type: taxType, amount: round(tax) }],
  };
}

function addressBody(address: Address) {
  const receiver = address.lastName
    ? {
        addressReceiverType: "PERSON",
        person: { lastName: address.lastName, ...(address.firstName ? { firstName: address.firstName } : {}) },
        ...(address.companyName ? { companyName: address.companyName } : {}),
      }
    : { addressReceiverType: "COMPANY", companyName: address.companyName };
  return {
    location: {
      type: "AddressLocationStreet",
      city: address.city,
      postCode: address.postCode,
      countryCode: address.countryCode,
      ...(address.street ? { street: address.street } : {}),
      ...(address.streetNumber ? { streetNumber: address.streetNumber } : {}),
    },
    receiver,
    ...(address.email ? { contact: { email: address.email, ...(address.phone ? { phone: address.phone } : {}) } } : {}),
  };
}

export function buildOrder(input: ExportOrderInput, now: Date) {
  const taxType = input.lines[0]?.taxType ?? "NORMAL_TAX";
  const lineAmount = input.lines.reduce((sum, line) => sum + line.amount, 0);
  const lineTax = input.lines.reduce((sum, line) => sum + line.taxAmount, 0);
  const chargeAmount = input.shippingCharge ?? 0;
  const chargeTax = input.shippingChargeTax ?? 0;
  const charges =
    input.shippingCharge !== undefined
      ? [{ type: "DELIVERYCHARGE", ...taxed(chargeAmount, chargeTax, taxType, input.pricesAre) }]
      : undefined;
  return {
    shopOrderNumber: input.shopOrderNumber,
    shopOrderCreationDate: input.orderDate ?? now.toISOString(),
    customerData: {
      customerDataType: input.customerType,
      ...(input.shopCustomerNumber ? { shopCustomerNumber: input.shopCustomerNumber } : {}),
      ...(input.customerType === "COMPANY" ? { companyData: { companyName: input.companyName ?? "" } } : {}),
    },
    invoiceAddress: addressBody(input.invoiceAddress),
    sales: {
      currencyCode: input.currencyCode,
      subTotal: taxed(lineAmount, lineTax, taxType, input.pricesAre),
      ...(charges ? { charges } : {}),
      total: taxed(input.total ?? lineAmount + chargeAmount, lineTax + chargeTax, taxType, input.pricesAre),
    },
    payment: { paymentMethod: input.paymentMethod },
    shippingBuckets: [
      {
        shippingAddress: addressBody(input.shippingAddress ?? input.invoiceAddress),
        ...(input.carrier ? { shippingMethod: input.carrier } : {}),
        positions: input.lines.map((line, index) => ({
          number: index + 1,
          product: { number: line.productNumber, name: line.productName },
          quantity: line.quantity,
          sum: taxed(line.amount, line.taxAmount, line.taxType, input.pricesAre),
          shipping: { deliveryDate: { deliveryDateType: "STANDARD" }, expectedDeliveryDays: line.expectedDeliveryDays },
        })),
      },
    ],
  };
}
