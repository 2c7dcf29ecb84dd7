// Update organization: Sterling's manageOrganizationHierarchy with Operation="Modify"; fields left empty keep their
// value in Sterling.
import { z } from "zod";
import { restAccount } from "../account";
import { invokeSterling, parseOutput } from "../client";
import { restAction } from "../common";
import { organizationDocument } from "../documents";
import { organizationDocumentFor, organizationFields } from "./organization-fields";

export const updateOrganizationAction = restAction({
  key: "updateOrganization",
  label: "Update organization",
  description:
    "Changes an organization's name, roles or address (Sterling manageOrganizationHierarchy, Operation Modify).",
  group: "Organizations",
  input: z.object(organizationFields),
  output: organizationDocument,
  async run({ input, ctx }) {
    const document = await invokeSterling(
      restAccount(ctx.account),
      "manageOrganizationHierarchy",
      organizationDocumentFor(input, "Modify", ctx.log),
      { signal: ctx.signal },
    );
    return parseOutput(organizationDocument, document, "manageOrganizationHierarchy");
  },
});
