// The simulator's organization APIs. getOrganizationList: the enterprises, nodes and other organizations of the
// installation, filtered on the role flags, code, name and parent the connector sends (with their query types),
// sorted by code unless OrderBy says otherwise, answered as { Organization: [...], LastRecordSet }.
// manageOrganizationHierarchy: creates, changes or (Operation="Delete") deletes one organization.
import { z } from "zod";
import { matches, orderBy, queryType, sortDocs } from "./lists";
import {
  docSchema,
  filterDocs,
  maximumRecords,
  parseInput,
  SterlingFault,
  text,
  type Doc,
  type SimulatorState,
} from "./state";

const flag = z.enum(["Y", "N"]).optional();

const organizationInput = z.looseObject({
  OrganizationCode: z.string().optional(),
  OrganizationCodeQryType: queryType,
  OrganizationName: z.string().optional(),
  OrganizationNameQryType: queryType,
  ParentOrganizationCode: z.string().optional(),
  IsEnterprise: flag,
  IsNode: flag,
  IsSeller: flag,
  IsBuyer: flag,
  OrderBy: orderBy,
  MaximumRecords: maximumRecords,
});

function getOrganizationList(raw: unknown, state: SimulatorState): Doc {
  const input = parseInput(organizationInput, raw, "getOrganizationList");
  const { IsEnterprise, IsNode, IsSeller, IsBuyer, ParentOrganizationCode } = input;
  const matching = sortDocs(
    filterDocs(
      state.organizations,
      { IsEnterprise, IsNode, IsSeller, IsBuyer, ParentOrganizationCode },
      Number.MAX_SAFE_INTEGER,
    )
      .filter((org) => matches(text(org, "OrganizationCode"), input.OrganizationCode, input.OrganizationCodeQryType))
      .filter((org) => matches(text(org, "OrganizationName"), input.OrganizationName, input.OrganizationNameQryType))
      .sort((a, b) => text(a, "OrganizationCode").localeCompare(text(b, "OrganizationCode"))),
    input.OrderBy,
  );
  const page = matching.slice(0, input.MaximumRecords);
  return {
    ...(page.length > 0 ? { Organization: page } : {}),
    LastRecordSet: page.length < matching.length ? "N" : "Y",
  };
}

const manageInput = z.looseObject({
  OrganizationCode: z.string().min(1),
  Operation: z.enum(["Create", "Modify", "Manage", "Delete"]).optional(),
});

// Codes are stand-ins, as for the other refusals (state.ts): installations hold their own error catalogue.
const organizationExists = (code: string) => new SterlingFault(400, "YFS10451", `Organization ${code} already exists`);
const organizationNotFound = (code: string) => new SterlingFault(400, "YFS10452", `Organization ${code} not found`);

function manageOrganizationHierarchy(raw: unknown, state: SimulatorState): Doc {
  const doc = parseInput(docSchema, raw, "manageOrganizationHierarchy");
  const { OrganizationCode: code, Operation: operation = "Manage" } = parseInput(
    manageInput,
    doc,
    "manageOrganizationHierarchy",
  );
  const index = state.organizations.findIndex((org) => text(org, "OrganizationCode") === code);
  const existing = state.organizations[index];
  if (operation === "Delete") {
    if (!existing) throw organizationNotFound(code);
    state.organizations.splice(index, 1);
    return { OrganizationCode: code };
  }
  if (operation === "Create" && existing) throw organizationExists(code);
  if (operation === "Modify" && !existing) throw organizationNotFound(code);
  const { Operation: _operation, ...changes } = doc;
  if (existing) {
    Object.assign(existing, changes);
    return existing;
  }
  const created: Doc = {
    OrganizationKey: code,
    IsEnterprise: "N",
    IsNode: "N",
    IsSeller: "N",
    IsBuyer: "N",
    ...changes,
  };
  state.organizations.push(created);
  return created;
}

export const organizationApis = { getOrganizationList, manageOrganizationHierarchy };
