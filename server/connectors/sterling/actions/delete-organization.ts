// Delete organization: Sterling's manageOrganizationHierarchy with Operation="Delete".
import { z } from "zod";
import { restAccount } from "../account";
import { invokeSterling } from "../client";
import { restAction } from "../common";
import { organizationCodeField } from "./organization-fields";

export const deleteOrganizationAction = restAction({
  key: "deleteOrganization",
  label: "Delete organization",
  description: "Deletes an organization (Sterling manageOrganizationHierarchy, Operation Delete).",
  group: "Organizations",
  input: z.object({ organizationCode: organizationCodeField }),
  output: z.object({
    organizationCode: z.string().meta({ title: "Organization code" }),
    deleted: z.literal(true).meta({ title: "Deleted" }),
  }),
  async run({ input, ctx }) {
    await invokeSterling(
      restAccount(ctx.account),
      "manageOrganizationHierarchy",
      { OrganizationCode: input.organizationCode, Operation: "Delete" },
      { signal: ctx.signal },
    );
    return { organizationCode: input.organizationCode, deleted: true as const };
  },
});
