// Create organization: Sterling's manageOrganizationHierarchy with Operation="Create", which refuses a code already
// in use.
import { z } from "zod";
import { restAccount } from "../account";
import { invokeSterling, parseOutput } from "../client";
import { restAction } from "../common";
import { organizationDocument } from "../documents";
import { organizationDocumentFor, organizationFields } from "./organization-fields";

export const createOrganizationAction = restAction({
  key: "createOrganization",
  label: "Create organization",
  description:
    "Creates an organization: an enterprise, a ship node, a seller or a buyer (Sterling manageOrganizationHierarchy, Operation Create).",
  group: "Organizations",
  input: z.object(organizationFields),
  output: organizationDocument,
  async run({ input, ctx }) {
    const document = await invokeSterling(
      restAccount(ctx.account),
      "manageOrganizationHierarchy",
      organizationDocumentFor(input, "Create", ctx.log),
      { signal: ctx.signal },
    );
    return parseOutput(organizationDocument, document, "manageOrganizationHierarchy");
  },
});
