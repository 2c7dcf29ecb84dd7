// What the browser may know of an account: everything but the secrets. Readable fields (base URL, user name,
// certificate) come back for the edit form; write-only fields only as the list of those that hold a value.
import { isWriteOnly, type AccountStatus } from "@/lib/account-fields";
import { effectiveRateLimit, type EffectiveRateLimit } from "@/lib/rate-limits";
import { findConnector } from "../connectors";
import type { AccountReference } from "../db/accounts.repository";
import { CredentialsUnreadableError, type KeyRing } from "../security/credentials-cipher";
import { daysUntil } from "../security/pem";
import { readableValues } from "./credential-values";
import { openCredentials, type SealedRow } from "./sealed";

export interface AccountUse {
  flowId: string;
  flowName: string;
  status: "draft" | "running" | "stopped";
}

export interface AccountView {
  id: string;
  connectorId: string;
  name: string;
  mode: string;
  status: AccountStatus;
  /** Why the last test failed, or why the credentials are unreadable; plain words, never a secret. */
  statusMessage: string | null;
  lastTestedAt: Date | null;
  certificateExpiresAt: Date | null;
  /** Whole days until the earliest certificate expires; negative once it has. */
  certificateExpiresInDays: number | null;
  /** The mode's fields that are not secret, as saved. */
  values: Record<string, string>;
  /** Keys of the secret fields that hold a value (shown as "saved"; left blank on edit, they keep it). */
  secretsSet: string[];
  usedBy: AccountUse[];
  /** The limits steps on this account obey (null: unlimited), and which of them the account sets itself. */
  rateLimit: EffectiveRateLimit & { overridden: { requestsPerSecond: boolean; maxConcurrency: boolean } };
  createdAt: Date;
  updatedAt: Date;
}

export interface AccountRowWithCredentials extends SealedRow {
  connectorId: string;
  name: string;
  mode: string;
  status: string;
  statusMessage: string | null;
  lastTestedAt: Date | null;
  certificateExpiresAt: Date | null;
  rateLimitPerSecond: number | null;
  rateLimitConcurrency: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** "unreadable" is never stored: it is found out on every read, so a repaired key ring heals the account. */
const storedStatuses: ReadonlySet<string> = new Set<AccountStatus>(["connected", "failing", "untested"]);

function isStoredStatus(status: string): status is AccountStatus {
  return storedStatuses.has(status);
}

export function toAccountView(
  ring: KeyRing,
  row: AccountRowWithCredentials,
  references: readonly AccountReference[],
  now: Date = new Date(),
): AccountView {
  const connector = findConnector(row.connectorId);
  const mode = connector?.auth?.modes.find((candidate) => candidate.key === row.mode);
  const overrides = { requestsPerSecond: row.rateLimitPerSecond, maxConcurrency: row.rateLimitConcurrency };
  let status: AccountStatus = isStoredStatus(row.status) ? row.status : "untested";
  let statusMessage = row.statusMessage;
  let values: Record<string, string> = {};
  let secretsSet: string[] = [];
  try {
    const saved = openCredentials(ring, row);
    if (mode) {
      values = readableValues(mode, saved);
      secretsSet = mode.fields.filter((field) => isWriteOnly(field) && saved[field.key]).map((field) => field.key);
    }
  } catch (error) {
    if (!(error instanceof CredentialsUnreadableError)) throw error;
    // One damaged row must not break the page: the account shows as unreadable and everything else lists as usual.
    status = "unreadable";
    statusMessage = `credentials unreadable: ${error.reason}`;
  }
  return {
    id: row.id,
    connectorId: row.connectorId,
    name: row.name,
    mode: row.mode,
    status,
    statusMessage,
    lastTestedAt: row.lastTestedAt,
    certificateExpiresAt: row.certificateExpiresAt,
    certificateExpiresInDays: row.certificateExpiresAt ? daysUntil(row.certificateExpiresAt, now) : null,
    values,
    secretsSet,
    usedBy: references
      .filter((reference) => reference.accountId === row.id)
      .map(({ flowId, flowName, status: flowStatus }) => ({ flowId, flowName, status: flowStatus })),
    rateLimit: {
      ...effectiveRateLimit(connector?.rateLimit, overrides),
      overridden: {
        requestsPerSecond: overrides.requestsPerSecond !== null,
        maxConcurrency: overrides.maxConcurrency !== null,
      },
    },
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}
