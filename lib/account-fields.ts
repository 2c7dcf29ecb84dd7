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
  /** Says where the account's secrets are sent (a host:port); every `url` field does so too. */
  destination?: boolean;
}

export interface ConnectionMode {
  key: string;
  label: string;
  description?: string;
  fields: AccountField[];
}

/** A ready-made connection the Connect form offers in one click (Sterling's built-in simulator). */
export interface AccountPreset {
  key: string;
  /** The button's text, e.g. "Connect to the built-in Sterling simulator". */
  label: string;
  description?: string;
  /** The account name the form suggests. */
  accountName: string;
  mode: string;
  /** Field values the preset fills in, secrets included (a preset's are sample credentials, not a user's). */
  values: Record<string, string>;
  /** Where to learn more or use it, e.g. the simulator's page. */
  link?: { href: string; label: string };
}

export interface ConnectorAuth {
  /** One mode for most connectors; several where the vendor offers several ways in (Sterling: REST API or IBM MQ). */
  modes: ConnectionMode[];
  /** False where a step may run without an account (HTTP calls public APIs too). */
  accountRequired: boolean;
  /** Connections the Connect form offers ready-made; the server adds them only where they work. */
  presets?: AccountPreset[];
}

/** Secrets and private keys are write-only: once saved they are never sent back, and a blank edit keeps them. */
export function isWriteOnly(field: AccountField): boolean {
  return field.type === "secret" || field.type === "privateKey";
}

/** A field that says where the account's secrets go: its URLs (compared by origin) and hosts. */
export function isDestination(field: AccountField): boolean {
  return field.type === "url" || field.destination === true;
}

function destinationKey(field: AccountField, value: string | undefined): string {
  const text = (value ?? field.default ?? "").trim().toLowerCase();
  if (field.type !== "url") return text;
  try {
    return new URL(text).origin;
  } catch {
    return text;
  }
}

/**
 * The destination fields whose value in `values` points elsewhere than the saved one. Saved secrets never follow
 * such an edit: they were entered for the old host, and an edit that kept them would send them to the new one.
 */
export function changedDestinations(
  mode: ConnectionMode,
  saved: Record<string, string>,
  values: Record<string, string>,
): AccountField[] {
  return mode.fields.filter(
    (field) =>
      isDestination(field) && destinationKey(field, saved[field.key]) !== destinationKey(field, values[field.key]),
  );
}

export type AccountStatus = "connected" | "failing" | "untested" | "unreadable";

/**
 * Why an operation refuses an account of another connection mode, worded once for the designer and for Start:
 * `modes` are the operation's supported modes (absent: all of them).
 */
export function accountModeProblem(
  auth: ConnectorAuth | undefined,
  operation: { label: string; modes?: readonly string[] },
  account: { name: string; mode: string },
): string | undefined {
  if (!auth || !operation.modes || operation.modes.includes(account.mode)) return undefined;
  const label = (key: string) => auth.modes.find((mode) => mode.key === key)?.label ?? key;
  const choices = operation.modes.map((key) => `"${label(key)}"`).join(" or ");
  return (
    `The account "${account.name}" connects with "${label(account.mode)}", which ${operation.label} cannot use: ` +
    `choose an account connected with ${choices}`
  );
}
