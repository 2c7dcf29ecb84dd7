// IOM's SOAP OrderService v1.2 (storeOrder), served at /webservices/OrderService/v1.2 and /services/OrderService/v1.2
// as the SOAP reference lists them: a SOAP 1.1 document/literal endpoint whose message carries User and Password.
// Wrong credentials are a SOAP Fault naming USER_PASSWORD_UNKNOWN; a message IOM cannot use is answered with an
// AcknowledgementEnvelope holding an InvalidMessageException whose ValidationMessages use the reference's error codes
// (MISSING_ELEMENT, UNKNOWN_SHOP, UNKNOWN_COUNTRY, UNKNOWN_PAYMENTMETHOD, WRONG_CURRENCY, FAILED_VALIDATION); a
// second order with the same shop order number a DuplicateException. An accepted order joins the simulated IOM's
// orders, so REST order states show it. (Which codes arrive as Faults and which in the envelope is not documented:
// a guess.)
import {
  node,
  nodes,
  readEnvelope,
  soapEnvelope,
  SOAP_CONTENT_TYPE,
  textOf,
  TYPES_V1_0,
  TYPES_V1_1,
  type XmlNode,
} from "../soap/envelope";
import { submittedOrder } from "./order-schema";
import { addOrder } from "./orders";
import type { SimReply, SimShop, SimState } from "./state";

export const SOAP_ORDER_SERVICE_PATHS = ["/webservices/OrderService/v1.2", "/services/OrderService/v1.2"];

/** IOM's default payment method codes (Reference - IOM SOAP Web Services). */
const paymentMethods = new Set([
  "NO_PAYMENT",
  "PREPAYMENT",
  "CREDITCARD",
  "CASH_ON_DELIVERY",
  "ON_ACCOUNT",
  "HIRE_PURCHASE",
  "DIRECT_DEBIT",
  "LEASING",
  "DIRECT_TRANSFER",
  "PAYPAL",
  "VISA",
  "AMERICAN_EXPRESS",
  "EURO_CARD",
  "MASTER_CARD",
  "GIROPAY",
  "BILLPAY",
  "IDEAL",
  "MAESTRO_CARD",
]);
const SHOP_CURRENCY = "EUR";

function reply(status: number, body: XmlNode): SimReply {
  return {
    status,
    headers: { "content-type": SOAP_CONTENT_TYPE },
    body: soapEnvelope(body, { ns0: TYPES_V1_0, ns1: TYPES_V1_1 }),
  };
}

export function soapFault(code: "Client" | "Server", message: string): SimReply {
  return reply(500, { "soapenv:Fault": { faultcode: `soapenv:${code}`, faultstring: message } });
}

const acknowledgement = (content: XmlNode) => reply(200, { "ns1:AcknowledgementEnvelope": content });

type Problem = { path: string; type: string; message: string };

interface Credentials {
  users: { user: string; password: string }[];
}

export function soapOrderService(
  state: SimState,
  options: Credentials,
  request: { method: string; headers: Record<string, string | undefined>; body: string },
): SimReply {
  if (request.method !== "POST") return soapFault("Client", "Only POST is supported");
  if (!(request.headers["content-type"] ?? "").toLowerCase().startsWith("text/xml")) {
    return { status: 415, headers: {}, body: "" };
  }
  const envelope = readEnvelope(request.body);
  const message = envelope.ok ? node(envelope.body.storeOrder) : undefined;
  if (!message) return soapFault("Client", "MESSAGE_BINDING_ERROR: the body holds no storeOrder element");
  const user = textOf(message.User);
  const password = textOf(message.Password);
  if (!options.users.some((candidate) => candidate.user === user && candidate.password === password)) {
    return soapFault("Client", "USER_PASSWORD_UNKNOWN: User name and password combination is wrong");
  }
  const shop = state.shops.find((candidate) => candidate.name === textOf(message.Shop));
  const order = node(message.Order);
  const problems: Problem[] = [];
  if (!shop) problems.push({ path: "Shop", type: "UNKNOWN_SHOP", message: `Shop ${textOf(message.Shop)} unknown` });
  if (!order) problems.push({ path: "Order", type: "MISSING_ELEMENT", message: "Order is missing" });
  if (!shop || !order) return invalid(problems);
  const converted = toSubmittedOrder(order, shop, problems);
  if (problems.length || !converted) return invalid(problems);
  const parsed = submittedOrder.safeParse(converted);
  if (!parsed.success) {
    return invalid(
      parsed.error.issues.map((issue) => ({
        path: issue.path.join("."),
        type: "FAILED_VALIDATION",
        message: issue.message,
      })),
    );
  }
  const number = parsed.data.shopOrderNumber;
  if (state.orders.some((candidate) => candidate.shopId === shop.id && candidate.order.shopOrderNumber === number)) {
    return acknowledgement({
      "ns1:DuplicateException": { "ns0:message": `Order ${number} of shop ${shop.name} exists already` },
    });
  }
  const id = addOrder(state, shop, parsed.data);
  return acknowledgement({
    "ns1:Acknowledgement": {
      "ns1:Result": "OK",
      "ns1:Properties": { "@_id": "order", "ns0:Property": [{ "@_key": "orderId", "@_value": String(id) }] },
    },
  });
}

function invalid(problems: Problem[]): SimReply {
  return acknowledgement({
    "ns1:InvalidMessageException": {
      "ns0:message": "The message could not be processed",
      "ns0:ValidationMessages": problems.map((problem) => ({
        "ns0:errorPath": problem.path,
        "ns0:errorType": problem.type,
        "ns0:message": problem.message,
      })),
    },
  });
}

const amountOf = (price: unknown) => Number(textOf(node(price)?.["@_amount"]));

function taxedOf(price: XmlNode | undefined) {
  const taxes = nodes(price?.Tax).map((tax) => ({
    type: textOf(tax["@_type"]),
    amount: Number(textOf(tax["@_amount"])),
  }));
  return {
    ...(price?.Net !== undefined ? { net: { amount: amountOf(price.Net) } } : {}),
    ...(price?.Gross !== undefined ? { gross: { amount: amountOf(price.Gross) } } : {}),
    taxes,
  };
}

/** The SOAP order in the REST form the simulated IOM keeps, collecting what the reference's codes would report. */
function toSubmittedOrder(order: XmlNode, shop: SimShop, problems: Problem[]) {
  const missing = (path: string) => problems.push({ path, type: "MISSING_ELEMENT", message: `${path} is missing` });
  const shopElement = node(order.Shop);
  const customer = node(order.Customer);
  const sales = node(order.Sales);
  const positions = nodes(order.Position);
  if (!customer) missing("Order/Customer");
  if (!shopElement || !textOf(shopElement["@_orderCreationDate"])) missing("Order/Shop/@orderCreationDate");
  if (!shopElement || !textOf(shopElement["@_orderId"])) missing("Order/Shop/@orderId");
  if (!sales) missing("Order/Sales");
  if (positions.length === 0) missing("Order/Position");
  const addresses = new Map(nodes(order.Address).map((address) => [textOf(address["@_id"]), address]));
  const addressOf = (id: string, path: string) => {
    const address = addresses.get(id);
    if (!address) {
      problems.push({ path, type: "MISSING_ELEMENT", message: `No Address with id ${id}` });
      return undefined;
    }
    const location = node(address.Location);
    const receiver = node(address.Receiver);
    const country = textOf(location?.Country);
    if (!/^[A-Z]{3}$/.test(country))
      problems.push({
        path: `${path}/Location/Country`,
        type: "UNKNOWN_COUNTRY",
        message: `Country ${country} is unknown`,
      });
    const person = node(receiver?.Person) ?? node(receiver?.ContactPerson);
    const street = node(location?.DetailedStreet);
    return {
      location: {
        type: "AddressLocationStreet",
        city: textOf(location?.City),
        postCode: textOf(location?.PostCode),
        countryCode: country,
        street: street ? textOf(street["@_streetName"]) : textOf(location?.Street),
        ...(street ? { streetNumber: textOf(street["@_houseNumber"]) } : {}),
      },
      receiver: textOf(receiver?.CompanyName)
        ? { addressReceiverType: "COMPANY", companyName: textOf(receiver?.CompanyName) }
        : {
            addressReceiverType: "PERSON",
            person: { lastName: textOf(person?.["@_lastName"]), firstName: textOf(person?.["@_firstName"]) },
          },
      ...(node(address.Contact) ? { contact: { email: textOf(node(address.Contact)?.["@_email"]) } } : {}),
    };
  };
  const invoiceAddress = addressOf(textOf(order.InvoiceAddressID), "Order/InvoiceAddressID");
  const method = textOf(sales?.["@_method"]);
  if (sales && !paymentMethods.has(method))
    problems.push({
      path: "Order/Sales/@method",
      type: "UNKNOWN_PAYMENTMETHOD",
      message: `Payment method ${method} is unknown`,
    });
  const currency = textOf(sales?.["@_currency"]);
  if (sales && currency !== SHOP_CURRENCY)
    problems.push({
      path: "Order/Sales/@currency",
      type: "WRONG_CURRENCY",
      message: `Currency ${currency} is not the shop's (${SHOP_CURRENCY})`,
    });
  const shipTo = textOf(node(positions[0]?.Shipping)?.["@_shipToAddress"]);
  const shippingAddress = shipTo ? addressOf(shipTo, "Order/Position/Shipping/@shipToAddress") : invoiceAddress;
  positions.forEach((position, index) => {
    const articleId = textOf(node(position.Article)?.["@_articleId"]);
    if (!shop.products.some((product) => product.number === articleId)) {
      problems.push({
        path: `Order/Position[${index + 1}]/Article/@articleId`,
        type: "FAILED_VALIDATION",
        message: `Article ${articleId} is unknown in shop ${shop.name}`,
      });
    }
  });
  if (problems.length || !customer || !shopElement || !sales || !invoiceAddress || !shippingAddress) return undefined;
  const company = node(customer.Company);
  return {
    shopOrderNumber: textOf(shopElement["@_orderId"]),
    shopOrderCreationDate: textOf(shopElement["@_orderCreationDate"]),
    customerData: {
      customerDataType: company ? "COMPANY" : "PERSON",
      ...(textOf(shopElement["@_customerId"]) ? { shopCustomerNumber: textOf(shopElement["@_customerId"]) } : {}),
      ...(company ? { companyData: { companyName: textOf(company["@_name"]) } } : {}),
    },
    invoiceAddress,
    sales: {
      currencyCode: currency,
      subTotal: taxedOf(node(sales.Sum)),
      total: taxedOf(node(sales.Total)),
    },
    payment: { paymentMethod: method },
    shippingBuckets: [
      {
        shippingAddress,
        positions: positions.map((position, index) => ({
          number: Number(textOf(position["@_number"])) || index + 1,
          product: {
            number: textOf(node(position.Article)?.["@_articleId"]),
            name: textOf(node(position.Article)?.["@_name"]),
          },
          quantity: Number(textOf(node(position.Ordered)?.["@_quantity"])),
          sum: taxedOf(node(position.SalesSum)),
          shipping: {
            deliveryDate: { deliveryDateType: "STANDARD" },
            expectedDeliveryDays: Number(textOf(node(position.Ordered)?.["@_deliveryDays"]) || "-1"),
          },
        })),
      },
    ],
  };
}
