// Helpers the IOM tests share: a simulator with the sample shops, accounts pointing at it, and running an action
// the way the runtime does.
import type { ActionAccount } from "@/server/connectors/sdk";
import { BASIC_MODE, BEARER_MODE } from "@/server/connectors/iom/auth";
import { SAMPLE_TOKEN, SAMPLE_USER, sampleShops } from "@/server/connectors/iom/simulator/fixtures";
import { startIomSimulator, type IomSimulator } from "@/server/connectors/iom/simulator";

export function startSampleIom(clock?: () => Date): Promise<IomSimulator> {
  return startIomSimulator({ users: [SAMPLE_USER], tokens: [SAMPLE_TOKEN], shops: sampleShops(), clock });
}

export function basicAccount(url: string, overrides: Record<string, string> = {}): Omit<ActionAccount, "id"> {
  return {
    mode: BASIC_MODE,
    credentials: {
      baseUrl: url,
      user: SAMPLE_USER.user,
      password: SAMPLE_USER.password,
      shopId: "10000",
      shopName: "inTRONICS",
      ...overrides,
    },
  };
}

export function bearerAccount(url: string, overrides: Record<string, string> = {}): Omit<ActionAccount, "id"> {
  return {
    mode: BEARER_MODE,
    credentials: { baseUrl: url, token: SAMPLE_TOKEN, shopId: "10000", shopName: "inTRONICS", ...overrides },
  };
}

/** A typical Export order input for the sample shop: two lines, gross prices, a shipping charge. */
export function sampleExport(
  shopOrderNumber: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    shopOrderNumber,
    orderDate: "2026-03-01T10:00:00Z",
    shopCustomerNumber: "CUST-1",
    invoiceAddress: {
      firstName: "Ada",
      lastName: "Lovelace",
      street: "Intershop Tower",
      streetNumber: "1",
      postCode: "07740",
      city: "Jena",
      countryCode: "deu",
      email: "ada@example.com",
    },
    paymentMethod: "CREDITCARD",
    carrier: "DHL",
    shippingCharge: 5.95,
    shippingChargeTax: 0.95,
    lines: [
      { productNumber: "1000001", productName: "Notebook 14", quantity: 1, amount: 999, taxAmount: 159.5 },
      { productNumber: "1000002", productName: "USB-C dock", quantity: 2, amount: 200, taxAmount: 31.93 },
    ],
    ...overrides,
  };
}
