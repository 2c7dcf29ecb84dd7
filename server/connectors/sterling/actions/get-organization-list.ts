// Retrieve organizations: Sterling's getOrganizationList, by code, name or role (enterprise, ship node, seller,
// buyer), e.g. to look up a node's address before routing an order.
import { z } from "zod";
import { field } from "../../sdk";
import { optionalText } from "../common";
import { organizationDocument } from "../documents";
import { retrieveAction } from "./retrieve";

const roles = { any: "Any", enterprise: "Enterprises", node: "Ship nodes", seller: "Sellers", buyer: "Buyers" };
const roleFlags = { enterprise: "IsEnterprise", node: "IsNode", seller: "IsSeller", buyer: "IsBuyer" } as const;

export const getOrganizationListAction = retrieveAction({
  key: "getOrganizationList",
  label: "Retrieve organizations",
  description: "Finds organizations by code, name or role (Sterling getOrganizationList).",
  group: "Organizations",
  list: {
    api: "getOrganizationList",
    inputRoot: "Organization",
    root: "OrganizationList",
    element: "Organization",
    key: "OrganizationCode",
  },
  rows: { key: "organizations", title: "Organizations", schema: organizationDocument },
  filters: {
    organizationCode: optionalText("Organization code", 1, "Codes that start with this.", 40),
    organizationName: optionalText("Name", 2, "Names that contain this.", 100),
    role: z
      .enum(["any", "enterprise", "node", "seller", "buyer"])
      .default("any")
      .meta(field({ title: "Role", enumLabels: roles, order: 3 })),
    parentOrganizationCode: optionalText("Parent organization", 4, undefined, 40),
  },
  toInput: (input) => ({
    OrganizationCode: input.organizationCode,
    OrganizationCodeQryType: input.organizationCode ? "FLIKE" : undefined,
    OrganizationName: input.organizationName,
    OrganizationNameQryType: input.organizationName ? "LIKE" : undefined,
    ParentOrganizationCode: input.parentOrganizationCode,
    ...(input.role === "any" ? {} : { [roleFlags[input.role]]: "Y" }),
  }),
  sortBy: { OrganizationCode: "Code", OrganizationName: "Name" },
});
