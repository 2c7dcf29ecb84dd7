// The lists the designer loads from Sterling for the chosen account: enterprises and ship nodes, both organizations
// that getOrganizationList finds by their role flag (IsEnterprise="Y", IsNode="Y"). Only REST accounts can call an
// API and wait for the answer; an MQ account says so, and the user types the code instead.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import type { ActionAccount, FieldOption, OptionsLoader } from "../sdk";
import { readRestAccount } from "./account";
import { REST_MODE } from "./auth";
import { invokeSterling, parseOutput } from "./client";
import { elementList } from "./documents";

/** Installations with more organizations than this are better served by typing the code. */
const MAXIMUM_RECORDS = "500";

const organization = z.looseObject({
  OrganizationCode: z.string().min(1),
  OrganizationName: z.string().optional(),
});
const reply = z.looseObject({ Organization: elementList(organization) });

function restAccount(account: ActionAccount, noun: string) {
  if (account.mode !== REST_MODE) {
    throw new ConfluxError(
      "INPUT_INVALID",
      `The ${noun} are read through the Sterling REST API, but this account connects through IBM MQ. Type the code, ` +
        'or choose an account connected with "REST API".',
    );
  }
  return readRestAccount(account.credentials);
}

async function organizations(
  account: ActionAccount,
  role: "IsEnterprise" | "IsNode",
  noun: string,
  signal: AbortSignal,
): Promise<FieldOption[]> {
  const document = await invokeSterling(
    restAccount(account, noun),
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
  enterprises: {
    noun: "enterprises",
    load: ({ account, signal }) => organizations(account, "IsEnterprise", "enterprises", signal),
  },
  shipNodes: {
    noun: "ship nodes",
    load: ({ account, signal }) => organizations(account, "IsNode", "ship nodes", signal),
  },
};
