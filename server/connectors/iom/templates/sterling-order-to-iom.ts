// Template: each new order in IBM Sterling OMS exported to IOM, with the field mapping done. Sterling's bill-to (or,
// when the order comes without one, as the New order trigger reads it, the ship-to) and ship-to become IOM's invoice
// and shipping address (Sterling keeps ISO alpha-2 countries, IOM wants alpha-3: the
// common ones are mapped, others pass through), the lines go by item ID as the shop product ID, the carrier is the
// order's SCAC, prices are Sterling's unit price times the ordered quantity.
import type { FlowTemplate } from "@/lib/connector-manifest";
import { chain } from "./graph";

const alpha3 =
  '{"DE":"DEU","AT":"AUT","CH":"CHE","FR":"FRA","IT":"ITA","ES":"ESP","NL":"NLD","BE":"BEL","GB":"GBR",' +
  '"US":"USA","CA":"CAN","PL":"POL","DK":"DNK","SE":"SWE"}';

const address = (person: string) => ({
  firstName: `{{ trigger.${person}.FirstName }}`,
  lastName: `{{ trigger.${person}.LastName }}`,
  companyName: `{{ trigger.${person}.Company }}`,
  street: `{{ trigger.${person}.AddressLine1 }}`,
  postCode: `{{ trigger.${person}.ZipCode }}`,
  city: `{{ trigger.${person}.City }}`,
  countryCode: `{{ ($c := trigger.${person}.Country; $lookup(${alpha3}, $c) ? $lookup(${alpha3}, $c) : $c) }}`,
  email: `{{ $exists(trigger.${person}.EMailID) ? trigger.${person}.EMailID : trigger.CustomerEMailID }}`,
});

/** The bill-to when the order carries one, else the ship-to: the New order trigger reads the ship-to only. */
const invoiceAddress = Object.fromEntries(
  Object.entries(address("PersonInfoBillTo")).map(([key, template]) => [
    key,
    template.replace(
      /^\{\{ (.*) \}\}$/,
      (_match, expression: string) =>
        `{{ $exists(trigger.PersonInfoBillTo.ZipCode) ? (${expression}) : (${expression.replaceAll("PersonInfoBillTo", "PersonInfoShipTo")}) }}`,
    ),
  ]),
);

export const sterlingOrderToIomTemplate: FlowTemplate = {
  id: "iom-sterling-new-order-to-iom",
  name: "Sterling new order → export to IOM",
  description: "Hands each order created in IBM Sterling OMS to Intershop IOM (Order 2.0), addresses and lines mapped.",
  graph: chain(
    {
      id: "trigger",
      connectorId: "sterling",
      operation: "newOrder",
      label: "New order",
      inputs: { documentType: "0001", intervalSeconds: 60 },
    },
    [
      {
        id: "export_order",
        connectorId: "iom",
        operation: "exportOrder",
        label: "Export order to IOM",
        inputs: {
          shopOrderNumber: "{{ trigger.OrderNo }}",
          orderDate: "{{ trigger.OrderDate }}",
          customerType: "PERSON",
          shopCustomerNumber: "{{ trigger.BillToID }}",
          invoiceAddress,
          shippingAddress: address("PersonInfoShipTo"),
          paymentMethod:
            "{{ $exists(trigger.PaymentMethods.PaymentMethod[0].PaymentType) ? " +
            'trigger.PaymentMethods.PaymentMethod[0].PaymentType : "ON_ACCOUNT" }}',
          currencyCode: '{{ $exists(trigger.PriceInfo.Currency) ? trigger.PriceInfo.Currency : "EUR" }}',
          pricesAre: "gross",
          carrier: "{{ trigger.SCAC }}",
          lines:
            "{{ trigger.OrderLines.OrderLine.{ " +
            '"productNumber": Item.ItemID, ' +
            '"productName": $exists(Item.ItemShortDesc) ? Item.ItemShortDesc : Item.ItemID, ' +
            '"quantity": $number(OrderedQty), ' +
            '"amount": $number(LinePriceInfo.UnitPrice ? LinePriceInfo.UnitPrice : "0") * $number(OrderedQty), ' +
            '"taxAmount": 0 }[] }}',
        },
      },
    ],
  ),
};
