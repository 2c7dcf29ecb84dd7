// Delete organization (async): manageOrganizationHierarchy with `Operation="Delete"`, on the queue its
// organization service reads.
import { z } from "zod";
import { organizationCodeField } from "../../organization-fields";
import { deliveryFields, mqAction, putSterlingDocument } from "../put-document";

const LABEL = "Delete organization (async)";

const input = z.object({
  organizationCode: organizationCodeField,
  ...deliveryFields("manageOrganizationHierarchy"),
});

export const deleteOrganizationAsyncAction = mqAction({
  key: "deleteOrganizationAsync",
  label: LABEL,
  description: "Puts Sterling's manageOrganizationHierarchy input with Operation Delete on IBM MQ.",
  group: "Organizations",
  input,
  async run({ input, ctx }) {
    const organization = { Operation: "Delete", OrganizationCode: input.organizationCode };
    return putSterlingDocument(ctx, "manageOrganizationHierarchy", "Organization", organization, input);
  },
});
