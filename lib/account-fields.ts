// How a connector declares what connecting an account takes. Plain data, so the browser renders the Connect form
// from the manifest and the server validates the same declaration.

export const accountFieldTypes = ["text", "url", "secret", "certificate", "privateKey", "select"] as const;
export type AccountFieldType = (typeof accountFieldTypes)[number];

export interface AccountField {
  key: string;
  label: string;
  type: AccountFieldType;
  required: boolean;
  help?: string;
  placeholder?: string;
  default?: string;
  /** For `select`. */
  options?: Array<{ value: string; label: string }>;
}

export interface ConnectionMode {
  key: string;
  label: string;
  description?: string;
  fields: AccountField[];
}

export interface ConnectorAuth {
  /** One mode for most connectors; several where the vendor offers several ways in (Sterling: REST API or IBM MQ). */
  modes: ConnectionMode[];
  /** False where a step may run without an account (HTTP calls public APIs too). */
  accountRequired: boolean;
}

/** Secrets and private keys are write-only: once saved they are never sent back, and a blank edit keeps them. */
export function isWriteOnly(field: AccountField): boolean {
  return field.type === "secret" || field.type === "privateKey";
}

export type AccountStatus = "connected" | "failing" | "untested" | "unreadable";
