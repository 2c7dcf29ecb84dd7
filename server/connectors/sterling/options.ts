// The lists the designer loads from Sterling for the chosen account: enterprises and ship nodes, both organizations
// that getOrganizationList finds by their role flag (IsEnterprise="Y", IsNode="Y"). Only REST accounts can call an
// API and wait for the answer; an MQ account says so, and the user types the code instead.
import { z } from "zod";
import type { FieldOption, OptionsLoader } from "../sdk";
import { restAccount } from "./account";
import { REST_MODES, sterlingAccounts, type SterlingRestModeAccount } from "./auth";
import { invokeSterling, parseOutput } from "./client";
import { elementList } from "./documents";
import { orderStatusesLoader, shipmentStatusesLoader } from "./statuses";

/** Installations with more organizations than this are better served by typing the code. */
const MAXIMUM_RECORDS = "500";

const organization = z.looseObject({
  OrganizationCode: z.string().min(1),
  OrganizationName: z.string().optional(),
});
const reply = z.looseObject({ Organization: elementList(organization) });

async function organizations(
  account: SterlingRestModeAccount,
  role: "IsEnterprise" | "IsNode",
  signal: AbortSignal,
): Promise<FieldOption[]> {
  const document = await invokeSterling(
    restAccount(account),
    "getOrganizationList",
    { [role]: "Y", MaximumRecords: MAXIMUM_RECORDS },
    { signal },
  );
  return parseOutput(reply, document, "getOrganizationList").Organization.map((entry) => ({
    value: entry.OrganizationCode,
    label: entry.OrganizationName?.trim() || entry.OrganizationCode,
  }));
}

export const sterlingOptionsLoaders: Record<string, OptionsLoader> = {
  enterprises: sterlingAccounts.optionsLoader({
    noun: "enterprises",
    modes: REST_MODES,
    load: ({ account, signal }) => organizations(account, "IsEnterprise", signal),
  }),
  shipNodes: sterlingAccounts.optionsLoader({
    noun: "ship nodes",
    modes: REST_MODES,
    load: ({ account, signal }) => organizations(account, "IsNode", signal),
  }),
  orderStatuses: orderStatusesLoader,
  shipmentStatuses: shipmentStatusesLoader,
};
