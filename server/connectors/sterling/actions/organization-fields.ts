// The form of Create organization and Update organization, and the manageOrganizationHierarchy document both send:
// Sterling's one API for organizations, told what to do by its Operation attribute (Create, Modify, Delete).
import { z } from "zod";
import { field, type Logger } from "../../sdk";
import type { SterlingDocument } from "../client";
import { additionalAttributesField, optionalText, withAdditionalAttributes } from "../common";

export const organizationCodeField = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .meta(field({ title: "Organization code", order: 1 }));

const role = (title: string, order: number, description: string) =>
  z.boolean().optional().meta(field({ title, description, order }));

export const organizationFields = {
  organizationCode: organizationCodeField,
  organizationName: optionalText("Name", 2, undefined, 100),
  parentOrganizationCode: z
    .string()
    .trim()
    .max(40)
    .optional()
    .meta(field({ title: "Parent organization", options: "enterprises", order: 3 })),
  isEnterprise: role("Enterprise", 4, "The organization is an enterprise."),
  isNode: role("Ship node", 5, "The organization is a warehouse or store that ships."),
  isSeller: role("Seller", 6, "The organization sells."),
  isBuyer: role("Buyer", 7, "The organization buys."),
  addressLine1: optionalText("Address line 1", 8, undefined, 70),
  city: optionalText("City", 9, undefined, 35),
  zipCode: optionalText("Postal code", 10, undefined, 35),
  country: optionalText("Country", 11, "ISO code, e.g. US.", 40),
  email: optionalText("E-mail", 12, undefined, 150),
  additionalAttributes: additionalAttributesField(
    13,
    "manageOrganizationHierarchy",
    '{ "LocaleCode": "en_US_EST", "Node": { "NodeType": "DC" } }',
    {
      OrganizationCode: "organizationCode",
      OrganizationName: "organizationName",
      ParentOrganizationCode: "parentOrganizationCode",
      IsEnterprise: "isEnterprise",
      IsNode: "isNode",
      IsSeller: "isSeller",
      IsBuyer: "isBuyer",
    },
  ),
};

const organizationInput = z.object(organizationFields);
const flag = (value: boolean | undefined) => (value === undefined ? undefined : value ? "Y" : "N");

export function organizationDocumentFor(
  input: z.output<typeof organizationInput>,
  operation: "Create" | "Modify",
  log: Logger,
): SterlingDocument {
  const address = Object.fromEntries(
    Object.entries({
      AddressLine1: input.addressLine1,
      City: input.city,
      ZipCode: input.zipCode,
      Country: input.country,
      EMailID: input.email,
    }).filter((entry): entry is [string, string] => Boolean(entry[1])),
  );
  return withAdditionalAttributes(
    {
      OrganizationCode: input.organizationCode,
      OrganizationName: input.organizationName,
      ParentOrganizationCode: input.parentOrganizationCode,
      IsEnterprise: flag(input.isEnterprise),
      IsNode: flag(input.isNode),
      IsSeller: flag(input.isSeller),
      IsBuyer: flag(input.isBuyer),
      Operation: operation,
      CorporatePersonInfo: Object.keys(address).length > 0 ? address : undefined,
    },
    input.additionalAttributes,
    log,
  );
}
