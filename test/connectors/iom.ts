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
