// Helpers the Oracle Order Management tests share: a simulator with the sample reference data, accounts pointing at
// it, and a typical Create sales order input.
import type { ActionAccount } from "@/server/connectors/sdk";
import { BASIC_MODE, BEARER_MODE } from "@/server/connectors/oracle/auth";
import { SAMPLE_TOKEN, SAMPLE_USER, sampleReference } from "@/server/connectors/oracle/simulator/fixtures";
import { startOracleSimulator, type OracleSimulator } from "@/server/connectors/oracle/simulator";

export function startSampleOracle(clock?: () => Date): Promise<OracleSimulator> {
  return startOracleSimulator({ users: [SAMPLE_USER], tokens: [SAMPLE_TOKEN], ...sampleReference(), clock });
}

export function basicAccount(url: string, overrides: Record<string, string> = {}): Omit<ActionAccount, "id"> {
  return {
    mode: BASIC_MODE,
    credentials: { baseUrl: url, user: SAMPLE_USER.user, password: SAMPLE_USER.password, ...overrides },
  };
}

export function bearerAccount(url: string, token = SAMPLE_TOKEN): Omit<ActionAccount, "id"> {
  return { mode: BEARER_MODE, credentials: { baseUrl: url, token } };
}

export function sampleOrder(sourceOrderId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    sourceSystem: "LEG",
    sourceOrderId,
    businessUnitName: "Vision Operations",
    buyingPartyName: "Computer Service and Rentals",
    lines: [
      { sourceLineId: "1", productNumber: "AS92888", quantity: 5, uom: "Each", fulfillmentOrganizationCode: "M1" },
      { sourceLineId: "2", productNumber: "CM5008", quantity: 1, uom: "Each" },
    ],
    ...overrides,
  };
}
