// New flows from elsewhere: an exported file (checked again here, whatever the browser checked) or a template.
import { ValidationError, NotFoundError } from "@/lib/errors";
import { assignAccounts, parseFlowDocument } from "@/lib/flow-export";
import { findAccountConnectors } from "../db/accounts.repository";
import type { DbOrTx } from "../db/client";
import * as flows from "../db/flows.repository";
import { buildManifest, connectors } from "../connectors";
import { checkDraftInput } from "../security/input-limits";

export interface ImportFlowRequest {
  /** The export document as the file held it. */
  document: unknown;
  /** Per application (connector id), the account chosen for its steps; absent means "choose later". */
  accounts: Readonly<Record<string, string | undefined>>;
  /** Overrides the name in the file. */
  name?: string;
}

export async function importFlow(db: DbOrTx, workspaceId: string, request: ImportFlowRequest) {
  checkDraftInput(request.document, "The flow file");
  const result = parseFlowDocument(request.document, buildManifest());
  if (!result.ok) {
    throw new ValidationError(`The flow was not imported: ${result.errors.join("; ")}`, { problems: result.errors });
  }
  const { flow } = result;
  const chosen = Object.fromEntries(
    flow.applications.flatMap((connectorId) => {
      const accountId = request.accounts[connectorId];
      return accountId ? [[connectorId, accountId] as const] : [];
    }),
  );
  const found = await findAccountConnectors(db, workspaceId, Object.values(chosen));
  const wrong = Object.entries(chosen).filter(([connectorId, accountId]) => found.get(accountId) !== connectorId);
  if (wrong.length > 0) {
    const names = wrong.map(([connectorId]) => connectorId).join(", ");
    throw new ValidationError(
      `The flow was not imported: the account chosen for ${names} does not exist; choose again`,
    );
  }
  return flows.insertFlow(db, workspaceId, request.name ?? flow.name, assignAccounts(flow.graph, chosen));
}

export function findTemplate(templateId: string) {
  for (const connector of connectors) {
    const template = connector.templates?.find((candidate) => candidate.id === templateId);
    if (template) return template;
  }
  return undefined;
}

export async function createFlowFromTemplate(db: DbOrTx, workspaceId: string, name: string, templateId: string) {
  const template = findTemplate(templateId);
  if (!template) throw new NotFoundError("The template");
  return flows.insertFlow(db, workspaceId, name, template.graph);
}
