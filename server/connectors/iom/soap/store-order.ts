// OrderService v1.2 storeOrder (IOM's SOAP order export, "use the REST Order Service instead"), built from the same
// fields as the REST export. Shapes from Intershop's schemas as generated into JAXB classes (com.intershop.iom
// .typesv1_2): storeOrder extends ShopPartner (MessageId, User, Password, Shop: the shop NAME) with an Order of
// Customer, Shop@orderCreationDate, InvoiceAddressID, Address@id@type, Sales@method@currency (Sum, Charge, Total),
// Position@number (Article, Shipping@shipToAddress, Ordered, Standard, SalesSum, Unit). The answer is an
// AcknowledgementEnvelope (v1_1): an Acknowledgement, or a DuplicateException, InvalidMessageException (with
// ValidationMessages errorPath/errorType/message) or TechnicalException.
// Guesses: the address types BILLING and SHIPPING (IMPEX's v1.0 sample shows BILLING), elements qualified by the
// namespace of the schema that declares them (v1_0 for Partner's and LegalPerson's elements).
import type { ExportOrderInput } from "../actions/export-order-input";
import { node, nodes, textOf, TYPES_V1_2, type XmlNode } from "./envelope";

type Address = ExportOrderInput["invoiceAddress"];

const round = (value: number) => Math.round(value * 100) / 100;
const amount = (value: number) => ({ "@_amount": round(value).toFixed(2) });

function prices(total: number, tax: number, taxType: string, pricesAre: "gross" | "net"): XmlNode {
  const net = pricesAre === "net" ? total : total - tax;
  const gross = pricesAre === "gross" ? total : total + tax;
  return { Net: amount(net), Gross: amount(gross), Tax: [{ "@_type": taxType, "@_amount": round(tax).toFixed(2) }] };
}

function person(address: Pick<Address, "firstName" | "lastName">): XmlNode {
  return { ...(address.firstName ? { "@_firstName": address.firstName } : {}), "@_lastName": address.lastName ?? "" };
}

/** LegalPerson (v1_0): a company with an optional contact person, or a person. */
function receiver(address: Address): XmlNode {
  if (address.companyName) {
    return {
      "t0:CompanyName": address.companyName,
      ...(address.lastName ? { "t0:ContactPerson": person(address) } : {}),
    };
  }
  return { "t0:Person": person(address) };
}

function addressElement(id: string, type: string, address: Address): XmlNode {
  const street =
    address.street && address.streetNumber
      ? { DetailedStreet: { "@_streetName": address.street, "@_houseNumber": address.streetNumber } }
      : { Street: address.street ?? "" };
  return {
    "@_id": id,
    "@_type": type,
    Receiver: receiver(address),
    ...(address.email
      ? { Contact: { "@_email": address.email, ...(address.phone ? { "@_telephone": address.phone } : {}) } }
      : {}),
    Location: { City: address.city, PostCode: address.postCode, ...street, Country: address.countryCode },
  };
}

export const INVOICE_ADDRESS_ID = "invoice";
export const SHIPPING_ADDRESS_ID = "shipping";

/** The storeOrder element (namespace v1_2, Partner's elements as t0: = v1_0) for an order. */
export function storeOrderElement(
  input: ExportOrderInput,
  partner: { messageId: string; user: string; password: string; shopName: string },
  now: Date,
): XmlNode {
  const taxType = input.lines[0]?.taxType ?? "NORMAL_TAX";
  const lineAmount = input.lines.reduce((sum, line) => sum + line.amount, 0);
  const lineTax = input.lines.reduce((sum, line) => sum + line.taxAmount, 0);
  const chargeAmount = input.shippingCharge ?? 0;
  const chargeTax = input.shippingChargeTax ?? 0;
  const customer: XmlNode =
    input.customerType === "COMPANY"
      ? {
          Company: { "@_name": input.companyName ?? input.invoiceAddress.companyName ?? "" },
          ...(input.invoiceAddress.lastName ? { ContactPerson: person(input.invoiceAddress) } : {}),
        }
      : { Person: person(input.invoiceAddress) };
  const shippingAddress = input.shippingAddress ?? input.invoiceAddress;
  const order: XmlNode = {
    Customer: {
      "@_orderId": input.shopOrderNumber,
      ...customer,
      ...(input.invoiceAddress.email ? { Contact: { "@_email": input.invoiceAddress.email } } : {}),
    },
    Shop: {
      "@_orderCreationDate": input.orderDate ?? now.toISOString(),
      ...(input.shopCustomerNumber ? { "@_customerId": input.shopCustomerNumber } : {}),
      "@_orderId": input.shopOrderNumber,
    },
    InvoiceAddressID: INVOICE_ADDRESS_ID,
    Address: [
      addressElement(INVOICE_ADDRESS_ID, "BILLING", input.invoiceAddress),
      addressElement(SHIPPING_ADDRESS_ID, "SHIPPING", shippingAddress),
    ],
    Sales: {
      "@_method": input.paymentMethod,
      "@_currency": input.currencyCode,
      Sum: prices(lineAmount, lineTax, taxType, input.pricesAre),
      ...(input.shippingCharge !== undefined
        ? { Charge: [{ "@_type": "DELIVERYCHARGE", ...prices(chargeAmount, chargeTax, taxType, input.pricesAre) }] }
        : {}),
      Total: prices(input.total ?? lineAmount + chargeAmount, lineTax + chargeTax, taxType, input.pricesAre),
    },
    Position: input.lines.map((line, index) => {
      const sum = prices(line.amount, line.taxAmount, line.taxType, input.pricesAre);
      const tax = line.taxAmount;
      const unitNet = (input.pricesAre === "net" ? line.amount : line.amount - tax) / line.quantity;
      return {
        "@_number": String(index + 1),
        Article: { "@_name": line.productName, "@_articleId": line.productNumber },
        Shipping: {
          "@_shipToAddress": SHIPPING_ADDRESS_ID,
          ...(input.carrier ? { "@_shippingMethod": input.carrier } : {}),
        },
        Ordered: {
          "@_quantity": String(line.quantity),
          "@_deliveryDays": String(Math.max(0, line.expectedDeliveryDays)),
        },
        Standard: "",
        SalesSum: {
          Net: sum.Net,
          Gross: sum.Gross,
          Tax: { "@_type": line.taxType, "@_amount": round(tax).toFixed(2) },
        },
        // UnitPrice has Net and Gross only.
        Unit: { Net: amount(unitNet), Gross: amount(unitNet + tax / line.quantity) },
      };
    }),
  };
  return {
    storeOrder: {
      "@_xmlns": TYPES_V1_2,
      "t0:MessageId": partner.messageId,
      "t0:User": partner.user,
      "t0:Password": partner.password,
      "t0:Shop": partner.shopName,
      Order: order,
    },
  };
}

export type StoreOrderAnswer =
  | { kind: "acknowledged"; result: string; properties: Record<string, string> }
  | { kind: "duplicate"; message: string }
  | { kind: "invalid"; message: string; problems: { path: string; type: string; message: string }[] }
  | { kind: "technical"; message: string };

/** Reads the AcknowledgementEnvelope in a storeOrder answer's body; undefined when the body holds none. */
export function readAcknowledgement(body: XmlNode): StoreOrderAnswer | undefined {
  const envelope = node(body.AcknowledgementEnvelope) ?? node(node(body.storeOrderResponse)?.AcknowledgementEnvelope);
  if (!envelope) return undefined;
  const acknowledgement = node(envelope.Acknowledgement);
  if (acknowledgement) {
    const properties: Record<string, string> = {};
    for (const group of nodes(acknowledgement.Properties)) {
      for (const property of nodes(group.Property)) properties[textOf(property["@_key"])] = textOf(property["@_value"]);
    }
    return { kind: "acknowledged", result: textOf(acknowledgement.Result), properties };
  }
  const duplicate = node(envelope.DuplicateException);
  if (duplicate) return { kind: "duplicate", message: textOf(duplicate.message) };
  const invalid = node(envelope.InvalidMessageException);
  if (invalid) {
    return {
      kind: "invalid",
      message: textOf(invalid.message),
      problems: nodes(invalid.ValidationMessages).map((problem) => ({
        path: textOf(problem.errorPath),
        type: textOf(problem.errorType),
        message: textOf(problem.message),
      })),
    };
  }
  const technical = node(envelope.TechnicalException);
  if (technical) return { kind: "technical", message: textOf(technical.message) };
  return undefined;
}
