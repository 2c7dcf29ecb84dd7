// The choices of a dynamic field (fields.ts `options` hint), loaded from the remote system for the account chosen on
// the step while someone designs the flow. The account must belong to the step's application; its credentials are
// opened here, handed to the connector's loader and never leave the server: a failure keeps its plain message, with
// the account's secrets taken out, and drops its details (they may quote the remote reply). The call counts against
// the account's rate limits like any step's, so Refresh clicks and open panels cannot flood the remote system.
import { ConfluxError, NotFoundError, ValidationError } from "@/lib/errors";
import { literalDependencies } from "@/lib/field-options";
import { loadStepAccount } from "../accounts/step-account";
import { findOperation } from "../connectors";
import { OPTIONS_TIMEOUT_MS, optionsLoaderKey, runOptionsLoader, type FieldOption } from "../connectors/sdk";
import type { Db } from "../db/client";
import type { KeyRingSource } from "../security/keyring";
import { resolveAccountLimit, withAccountLimit } from "../runtime/rate-limit";
import { createRedactor } from "../security/redact";
import { withWorkspaceOutbound } from "../security/workspace-outbound";

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
  // One deadline for the whole load, the wait for the account's slot or token included: the user watches a spinner.
  const timeoutMs = options.timeoutMs ?? OPTIONS_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  const waitSignal = AbortSignal.any([AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])]);
  const limit = await resolveAccountLimit(ctx.db, { workspaceId: ctx.workspaceId, accountId: account.id, connector });
  const load = () =>
    withWorkspaceOutbound(ctx.db, ctx.workspaceId, () =>
      runOptionsLoader(loader, {
        account,
        values: literalDependencies(request.values ?? {}, loader.dependsOn ?? []),
        signal: options.signal,
        timeoutMs: Math.max(1, deadline - Date.now()),
        systemName: connector.name,
      }),
    );
  const redactor = createRedactor(secrets);
  const noun = loader.noun;
  try {
    const loaded = await withAccountLimit(
      ctx.db,
      { ...limit, holder: `options:${request.field}`, signal: waitSignal },
      load,
    );
    return { options: loaded };
  } catch (caught) {
    const error = userFacing(caught);
    if (!options.signal?.aborted) {
      // Whoever runs the server sees why a list failed (with the stack of anything unexpected); a user who closed
      // the panel is no failure.
      console.warn(
        redactor.text(
          `[conflux] loading ${request.connectorId}.${request.operation}.${request.field} failed: ${describe(error)}`,
        ),
      );
    }
    if (!(error instanceof ConfluxError)) throw error;
    throw new ConfluxError(error.code, redactor.text(error.message), { retryable: error.retryable });
  }

  function userFacing(error: unknown): unknown {
    if (
      !(error instanceof ConfluxError) ||
      error.code !== "CANCELLED" ||
      !waitSignal.aborted ||
      options.signal?.aborted
    ) {
      return error;
    }
    return new ConfluxError(
      "TIMEOUT",
      `The account's rate limit kept the ${noun} waiting more than ${Math.max(1, Math.round(timeoutMs / 1000))} s ` +
        "(its steps are using it). Try again, or type the value.",
      { retryable: true },
    );
  }
}

function describe(error: unknown): string {
  if (error instanceof ConfluxError && error.code !== "INTERNAL") return `${error.code}: ${error.message}`;
  const cause = error instanceof ConfluxError && error.cause !== undefined ? error.cause : error;
  if (cause instanceof Error) return cause.stack ?? `${cause.name}: ${cause.message}`;
  return String(cause);
}
