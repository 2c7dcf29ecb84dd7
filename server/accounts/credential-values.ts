// Checks submitted account field values against the connector's declaration for the chosen mode: required fields,
// URLs, select options, and PEM certificates and keys (normalized, with the earliest certificate expiry read).
import { z } from "zod";
import { isWriteOnly, type AccountField, type ConnectionMode, type ConnectorAuth } from "@/lib/account-fields";
import { ValidationError } from "@/lib/errors";
import type { AccountDeclaration } from "../connectors/sdk";
import { parseCertificate, parsePrivateKey } from "../security/pem";

export const submittedValuesSchema = z.record(z.string(), z.string().max(65_536));

export interface CheckedCredentials {
  values: Record<string, string>;
  certificateExpiresAt: Date | null;
}

export function findMode(auth: ConnectorAuth, modeKey: string | undefined): ConnectionMode {
  const mode = modeKey ? auth.modes.find((candidate) => candidate.key === modeKey) : auth.modes[0];
  if (!mode) throw new ValidationError(`Unknown connection mode "${modeKey ?? ""}"`);
  return mode;
}

/**
 * `previous` holds the saved values when editing: a write-only field left blank keeps its saved value, so a user
 * can change the endpoint without typing the password again. `declaration` is the connector's zod declaration of
 * its modes, whose own rules (a host:port, a certificate with its key) are checked once the form's rules pass.
 */
export function checkCredentials(
  mode: ConnectionMode,
  submitted: Record<string, string>,
  previous: Record<string, string> = {},
  declaration?: AccountDeclaration,
  /** Why saved secrets were not carried over (the account now points elsewhere): said when one is missing. */
  secretsAgainBecause?: string,
): CheckedCredentials {
  const values: Record<string, string> = {};
  let certificateExpiresAt: Date | null = null;
  // An encrypted private key is checked with the passphrase the account will use, which may be the saved one.
  const passphrase = blank(submitted.passphrase) ? previous.passphrase : submitted.passphrase;
  for (const field of mode.fields) {
    let value = blank(submitted[field.key]) ? "" : (submitted[field.key] ?? "");
    if (value === "" && isWriteOnly(field)) value = previous[field.key] ?? "";
    if (value === "" && field.default !== undefined) value = field.default;
    if (value === "") {
      if (field.required && secretsAgainBecause && isWriteOnly(field)) {
        throw new ValidationError(`Enter the ${field.label} again: ${secretsAgainBecause}`, { field: field.key });
      }
      if (field.required) throw new ValidationError(`${field.label} is required`, { field: field.key });
      continue;
    }
    try {
      values[field.key] = checkValue(field, value, passphrase || undefined);
      if (field.type === "certificate") {
        const validTo = parseCertificate(values[field.key] ?? "", field.label).info.validTo;
        if (!certificateExpiresAt || validTo < certificateExpiresAt) certificateExpiresAt = validTo;
      }
    } catch (error) {
      // The form marks the field by its key; the PEM checks only know the label.
      if (error instanceof ValidationError) throw new ValidationError(error.message, { field: field.key });
      throw error;
    }
  }
  const problem = declaration?.check(mode.key, values);
  if (problem) throw new ValidationError(problem.message, { field: problem.field });
  return { values, certificateExpiresAt };
}

function blank(value: string | undefined): boolean {
  return value === undefined || value.trim() === "";
}

function checkValue(field: AccountField, value: string, passphrase: string | undefined): string {
  switch (field.type) {
    case "url": {
      const parsed = z.url({ protocol: /^https?$/ }).safeParse(value.trim());
      if (!parsed.success) {
        throw new ValidationError(`${field.label} must be an http:// or https:// URL`, { field: field.key });
      }
      return parsed.data;
    }
    case "select": {
      if (field.options && !field.options.some((option) => option.value === value)) {
        throw new ValidationError(`${field.label} must be one of ${field.options.map((o) => o.label).join(", ")}`, {
          field: field.key,
        });
      }
      return value;
    }
    case "certificate":
      return parseCertificate(value, field.label).pem;
    case "privateKey":
      return parsePrivateKey(value, field.label, passphrase).pem;
    default:
      return value;
  }
}

/** The values a form may show again: everything but secrets and private keys. */
export function readableValues(mode: ConnectionMode, values: Record<string, string>): Record<string, string> {
  const shown: Record<string, string> = {};
  for (const field of mode.fields) {
    const value = values[field.key];
    if (value !== undefined && !isWriteOnly(field)) shown[field.key] = value;
  }
  return shown;
}
