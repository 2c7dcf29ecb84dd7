// The account a flow step uses, loaded and decrypted just before the step runs. Failures read as step errors that
// tell the user what to do; the secrets come back separately so the runtime can redact them from what it stores.
import { ConfluxError } from "@/lib/errors";
import type { ConnectorDefinition, ActionAccount } from "../connectors/sdk";
import type { DbOrTx } from "../db/client";
import { findAccountWithCredentials } from "../db/accounts.repository";
import { CredentialsUnreadableError } from "../security/credentials-cipher";
import type { KeyRingSource } from "../security/keyring";
import { openCredentials, secretValues } from "./sealed";

export interface StepAccount {
  account: ActionAccount;
  secrets: string[];
}

export async function loadStepAccount(
  db: DbOrTx,
  args: {
    workspaceId: string;
    accountId: string;
    connector: ConnectorDefinition;
    keys: KeyRingSource;
    stepName: string;
  },
): Promise<StepAccount> {
  const row = await findAccountWithCredentials(db, args.workspaceId, args.accountId);
  if (!row) {
    throw new ConfluxError(
      "INPUT_INVALID",
      `${args.stepName} uses an account that no longer exists; choose another one`,
    );
  }
  if (row.connectorId !== args.connector.id) {
    throw new ConfluxError(
      "FLOW_INVALID",
      `${args.stepName} uses the account "${row.name}", which is not an account of ${args.connector.name}`,
    );
  }
  try {
    const credentials = openCredentials(args.keys.get(), row);
    return {
      account: { id: row.id, mode: row.mode, credentials },
      secrets: secretValues(args.connector.auth, row.mode, credentials),
    };
  } catch (error) {
    if (!(error instanceof CredentialsUnreadableError)) throw error;
    throw new ConfluxError(
      "CREDENTIALS_UNREADABLE",
      `The credentials of the account "${row.name}" are unreadable (${error.reason}). Edit the account to enter them again.`,
    );
  }
}
