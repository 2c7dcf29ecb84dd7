// The simulator's getOrganizationList: the enterprises, nodes and other organizations of the installation, filtered
// on the role flags and the code the connector sends (IsEnterprise="Y", IsNode="Y", OrganizationCode), answered in
// Sterling's list form ({ Organization: [...] }) sorted by code.
import { z } from "zod";
import { filterDocs, maximumRecords, parseInput, text, type Doc, type SimulatorState } from "./state";

const flag = z.enum(["Y", "N"]).optional();

const organizationInput = z.looseObject({
  OrganizationCode: z.string().optional(),
  IsEnterprise: flag,
  IsNode: flag,
  IsSeller: flag,
  IsBuyer: flag,
  MaximumRecords: maximumRecords,
});

function getOrganizationList(raw: unknown, state: SimulatorState): Doc {
  const { MaximumRecords, OrganizationCode, IsEnterprise, IsNode, IsSeller, IsBuyer } = parseInput(
    organizationInput,
    raw,
    "getOrganizationList",
  );
  const matching = filterDocs(
    state.organizations,
    { OrganizationCode, IsEnterprise, IsNode, IsSeller, IsBuyer },
    Number.MAX_SAFE_INTEGER,
  ).sort((a, b) => text(a, "OrganizationCode").localeCompare(text(b, "OrganizationCode")));
  const page = matching.slice(0, MaximumRecords);
  return {
    ...(page.length > 0 ? { Organization: page } : {}),
    LastRecordSet: page.length < matching.length ? "N" : "Y",
  };
}

export const organizationApis = { getOrganizationList };
