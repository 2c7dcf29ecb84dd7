// Create or update organization (async): the input of Sterling's manageOrganizationHierarchy,
// `<Organization OrganizationCode OrganizationName ParentOrganizationCode …>`, on the queue its organization service
// reads. The API creates an organization it does not know and modifies one it does.
import { z } from "zod";
import { field } from "../../../../sdk";
import { compact } from "../../../client";
import { additionalAttributesField, optionalText } from "../../../common";
import { organizationCodeField } from "../../organization-fields";
import { deliveryFields, mqAction, putSterlingDocument, withAdditional } from "../put-document";

const LABEL = "Create or update organization (async)";

const input = z.object({
  organizationCode: organizationCodeField,
  organizationName: optionalText("Organization name", 2, undefined, 100),
  parentOrganizationCode: optionalText("Parent organization", 3, undefined, 40),
  primaryEnterpriseKey: optionalText("Primary enterprise", 4, "The enterprise the organization belongs to.", 40),
  isNode: z
    .boolean()
    .optional()
    .meta(field({ title: "Is a ship node", description: "A warehouse or store that ships.", order: 5 })),
  additionalAttributes: additionalAttributesField(9, "manageOrganizationHierarchy", '{ "LocaleCode": "en_US_EST" }', {
    OrganizationCode: "organizationCode",
    OrganizationName: "organizationName",
    ParentOrganizationCode: "parentOrganizationCode",
    PrimaryEnterpriseKey: "primaryEnterpriseKey",
    IsNode: "isNode",
  }),
  ...deliveryFields("manageOrganizationHierarchy"),
});

export const manageOrganizationAsyncAction = mqAction({
  key: "manageOrganizationAsync",
  label: LABEL,
  description: "Puts Sterling's manageOrganizationHierarchy input on IBM MQ, creating or changing an organization.",
  group: "Organizations",
  input,
  async run({ input, ctx }) {
    const organization = withAdditional(
      input.additionalAttributes,
      compact({
        OrganizationCode: input.organizationCode,
        OrganizationName: input.organizationName,
        ParentOrganizationCode: input.parentOrganizationCode,
        PrimaryEnterpriseKey: input.primaryEnterpriseKey,
        IsNode: input.isNode === undefined ? undefined : input.isNode ? "Y" : "N",
      }),
    );
    return putSterlingDocument(ctx, "manageOrganizationHierarchy", "Organization", organization, input);
  },
});
