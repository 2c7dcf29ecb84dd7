// The choices of a dynamic field (fields.ts `options` hint), loaded from the remote system for the account chosen on
// the step while someone designs the flow. The account must belong to the step's application; its credentials are
// opened here, handed to the connector's loader and never leave the server: a failure keeps its plain message, with
// the account's secrets taken out, and drops its details (they may quote the remote reply).
import { ConfluxError, NotFoundError, ValidationError } from "@/lib/errors";
import { literalDependencies } from "@/lib/field-options";
import { loadStepAccount } from "../accounts/step-account";
import { findOperation } from "../connectors";
import { optionsLoaderKey, runOptionsLoader, type FieldOption } from "../connectors/sdk";
import type { Db } from "../db/client";
import type { KeyRingSource } from "../security/keyring";
import { createRedactor } from "../security/redact";

export interface FieldOptionsContext {
  db: Db;
  keys: KeyRingSource;
  workspaceId: string;
}

export interface FieldOptionsRequest {
  connectorId: string;
  operation: string;
  field: string;
  accountId: string;
  /** The step's other field values; only the loader's `dependsOn` fields holding a literal are passed on. */
  values?: Record<string, unknown>;
}

export async function loadFieldOptions(
  ctx: FieldOptionsContext,
  request: FieldOptionsRequest,
  options: { signal?: AbortSignal; timeoutMs?: number } = {},
): Promise<{ options: FieldOption[] }> {
  const found = findOperation(request.connectorId, request.operation);
  if (!found) throw new NotFoundError("The step's action");
  const { connector } = found;
  const operation = found.kind === "action" ? found.action : found.trigger;
  const key = optionsLoaderKey(operation.input, request.field);
  const loader = key !== undefined && connector.optionsLoaders ? connector.optionsLoaders[key] : undefined;
  if (!loader) throw new ValidationError(`The field "${request.field}" has no list of choices to load`);

  const { account, secrets } = await loadStepAccount(ctx.db, {
    workspaceId: ctx.workspaceId,
    accountId: request.accountId,
    connector,
    keys: ctx.keys,
    stepName: "The step",
  });
  try {
    const loaded = await runOptionsLoader(loader, {
      account,
      values: literalDependencies(request.values ?? {}, loader.dependsOn ?? []),
      signal: options.signal,
      timeoutMs: options.timeoutMs,
      systemName: connector.name,
    });
    return { options: loaded };
  } catch (error) {
    if (!(error instanceof ConfluxError)) throw error;
    const redactor = createRedactor(secrets);
    throw new ConfluxError(error.code, redactor.text(error.message), { retryable: error.retryable });
  }
}
