// What users do to saved accounts: connect, edit, rename, test and delete. Credentials are checked against the
// connector's declared fields, sealed before they reach the database and opened only to test or to show the fields
// that are not secret. Nothing returned or thrown from here holds a secret.
import { randomUUID } from "node:crypto";
import { changedDestinations, type ConnectionMode, type ConnectorAuth } from "@/lib/account-fields";
import type { RateLimitOverride } from "@/lib/rate-limits";
import { ConflictError, ConfluxError, NotFoundError, ValidationError, toErrorJson } from "@/lib/errors";
import { toAccountView, type AccountView } from "../accounts/account-view";
import { checkCredentials, findMode } from "../accounts/credential-values";
import { openCredentials, sealCredentials, secretValues } from "../accounts/sealed";
import { findConnector } from "../connectors";
import type { ConnectorDefinition } from "../connectors/sdk";
import * as accounts from "../db/accounts.repository";
import type { Db } from "../db/client";
import { CredentialsUnreadableError } from "../security/credentials-cipher";
import type { KeyRingSource } from "../security/keyring";
import { createRedactor } from "../security/redact";
import { withWorkspaceOutbound } from "../security/workspace-outbound";

export interface AccountsContext {
  db: Db;
  keys: KeyRingSource;
  workspaceId: string;
}

const TEST_TIMEOUT_MS = 20_000;

function connectorWithAccounts(connectorId: string): ConnectorDefinition & { auth: ConnectorAuth } {
  const connector = findConnector(connectorId);
  if (!connector) throw new NotFoundError(`The application "${connectorId}"`);
  const { auth } = connector;
  if (!auth) throw new ValidationError(`${connector.name} does not use accounts`);
  return { ...connector, auth };
}

async function loadRow(ctx: AccountsContext, id: string) {
  const row = await accounts.findAccountWithCredentials(ctx.db, ctx.workspaceId, id);
  if (!row) throw new NotFoundError("The account");
  return row;
}

async function view(ctx: AccountsContext, id: string): Promise<AccountView> {
  const [row, references] = await Promise.all([
    loadRow(ctx, id),
    accounts.listAccountReferences(ctx.db, ctx.workspaceId, [id]),
  ]);
  return toAccountView(ctx.keys.get(), row, references);
}

/** Unique names per application read as a sentence, not as a database error. */
async function uniqueName<T>(application: string, name: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (accounts.isUniqueViolation(error)) {
      throw new ConflictError(`An account named "${name}" already exists for ${application}`, { field: "name" });
    }
    throw error;
  }
}

/** Only the overrides the input names: undefined keeps the saved value, null clears it back to the default. */
function rateLimitColumns(rateLimit: RateLimitOverride | undefined): Partial<accounts.RateLimitColumns> {
  return {
    ...(rateLimit?.requestsPerSecond !== undefined ? { rateLimitPerSecond: rateLimit.requestsPerSecond } : {}),
    ...(rateLimit?.maxConcurrency !== undefined ? { rateLimitConcurrency: rateLimit.maxConcurrency } : {}),
  };
}

export async function listAccounts(
  ctx: AccountsContext,
  filter: { connectorId?: string } = {},
): Promise<AccountView[]> {
  const [rows, references] = await Promise.all([
    accounts.listAccountsWithCredentials(ctx.db, ctx.workspaceId, filter.connectorId),
    accounts.listAccountReferences(ctx.db, ctx.workspaceId),
  ]);
  const ring = ctx.keys.get();
  const now = new Date();
  return rows.map((row) => toAccountView(ring, row, references, now));
}

export async function getAccount(ctx: AccountsContext, id: string): Promise<AccountView> {
  return view(ctx, id);
}

export async function createAccount(
  ctx: AccountsContext,
  input: {
    connectorId: string;
    name: string;
    mode?: string;
    values: Record<string, string>;
    test?: boolean;
    rateLimit?: RateLimitOverride;
  },
): Promise<AccountView> {
  const connector = connectorWithAccounts(input.connectorId);
  const mode = findMode(connector.auth, input.mode);
  const checked = checkCredentials(mode, input.values, {}, connector.accounts);
  const owner = { id: randomUUID(), workspaceId: ctx.workspaceId };
  await uniqueName(connector.name, input.name, () =>
    accounts.insertAccount(ctx.db, {
      ...owner,
      connectorId: connector.id,
      name: input.name,
      mode: mode.key,
      certificateExpiresAt: checked.certificateExpiresAt,
      ...rateLimitColumns(input.rateLimit),
      ...sealCredentials(ctx.keys.get(), owner, checked.values),
    }),
  );
  if (input.test && connector.testConnection) return testAccount(ctx, owner.id);
  return view(ctx, owner.id);
}

/** Edits credentials (and optionally name and mode); a secret left blank keeps its saved value. */
export async function updateAccount(
  ctx: AccountsContext,
  input: {
    id: string;
    name?: string;
    mode?: string;
    values: Record<string, string>;
    test?: boolean;
    rateLimit?: RateLimitOverride;
  },
): Promise<AccountView> {
  const row = await loadRow(ctx, input.id);
  const connector = connectorWithAccounts(row.connectorId);
  const mode = findMode(connector.auth, input.mode ?? row.mode);
  let previous: Record<string, string> = {};
  try {
    previous = openCredentials(ctx.keys.get(), row);
  } catch (error) {
    // Unreadable credentials are replaced by the edit: the form must then hold every required field again.
    if (!(error instanceof CredentialsUnreadableError)) throw error;
  }
  // Saved secrets stay with the host and mode they were entered for: an edit that points the account elsewhere
  // must carry them again, or a changed URL would receive the saved password on the next call.
  const moved = mode.key !== row.mode ? "the connection mode changed" : movedReason(mode, previous, input.values);
  const checked = checkCredentials(mode, input.values, moved ? {} : previous, connector.accounts, moved);
  const name = input.name ?? row.name;
  await uniqueName(connector.name, name, () =>
    accounts.updateAccount(ctx.db, ctx.workspaceId, row.id, {
      name,
      mode: mode.key,
      // New credentials have not been tried yet.
      status: "untested",
      statusMessage: null,
      lastTestedAt: null,
      certificateExpiresAt: checked.certificateExpiresAt,
      ...rateLimitColumns(input.rateLimit),
      ...sealCredentials(ctx.keys.get(), row, checked.values),
    }),
  );
  if (input.test && connector.testConnection) return testAccount(ctx, row.id);
  return view(ctx, row.id);
}

function movedReason(mode: ConnectionMode, saved: Record<string, string>, values: Record<string, string>) {
  const changed = changedDestinations(mode, saved, values);
  if (changed.length === 0) return undefined;
  return `${changed.map((field) => field.label).join(" and ")} changed, and saved secrets are only sent where they were entered`;
}

export async function renameAccount(ctx: AccountsContext, id: string, name: string): Promise<AccountView> {
  const row = await loadRow(ctx, id);
  const application = findConnector(row.connectorId)?.name ?? row.connectorId;
  await uniqueName(application, name, () => accounts.updateAccount(ctx.db, ctx.workspaceId, id, { name }));
  return view(ctx, id);
}

/** Runs the connector's connection test and records the outcome on the account. */
export async function testAccount(ctx: AccountsContext, id: string): Promise<AccountView> {
  const row = await loadRow(ctx, id);
  const connector = connectorWithAccounts(row.connectorId);
  const test = connector.testConnection;
  if (!test) throw new ValidationError(`${connector.name} accounts cannot be tested`);
  let credentials: Record<string, string>;
  try {
    credentials = openCredentials(ctx.keys.get(), row);
  } catch (error) {
    if (!(error instanceof CredentialsUnreadableError)) throw error;
    throw new ConfluxError(
      "CREDENTIALS_UNREADABLE",
      `The credentials of the account "${row.name}" are unreadable (${error.reason}). Edit the account to enter them again.`,
    );
  }
  let failure: string | null = null;
  try {
    await withWorkspaceOutbound(ctx.db, ctx.workspaceId, () =>
      test({ accountId: row.id, mode: row.mode, credentials, signal: AbortSignal.timeout(TEST_TIMEOUT_MS) }),
    );
  } catch (error) {
    // A remote error may quote what the server received; the account's own secrets are taken out of it.
    failure = createRedactor(secretValues(connector.auth, row.mode, credentials)).text(toErrorJson(error).message);
  }
  await accounts.updateAccount(ctx.db, ctx.workspaceId, id, {
    status: failure === null ? "connected" : "failing",
    statusMessage: failure,
    lastTestedAt: new Date(),
  });
  return view(ctx, id);
}

/** Refused while a running flow uses the account (its runs would fail); the error names those flows. */
export async function deleteAccount(ctx: AccountsContext, id: string): Promise<void> {
  const row = await loadRow(ctx, id);
  const running = (await accounts.listAccountReferences(ctx.db, ctx.workspaceId, [id])).filter(
    (reference) => reference.status === "running",
  );
  if (running.length > 0) {
    const names = running.map((reference) => `"${reference.flowName}"`).join(", ");
    throw new ConfluxError(
      "ACCOUNT_IN_USE",
      `The account "${row.name}" is used by ${running.length === 1 ? "the running flow" : "the running flows"} ${names}. ` +
        "Stop them or choose another account in them first.",
      { details: { flows: running.map(({ flowId, flowName }) => ({ flowId, flowName })) } },
    );
  }
  if (!(await accounts.deleteAccount(ctx.db, ctx.workspaceId, id))) throw new NotFoundError("The account");
}
