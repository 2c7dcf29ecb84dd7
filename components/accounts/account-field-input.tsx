"use client";
// One credential field of the Connect form, rendered by its declared type. Secrets and private keys are write-only:
// the form never receives their saved value, so a saved one shows as a placeholder and a blank edit keeps it.
import type { AccountField } from "@/lib/account-fields";
import { inputClass, TextInput } from "../ui/text-input";

const pemPlaceholders: Partial<Record<AccountField["type"], string>> = {
  certificate: "-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----",
  privateKey: "-----BEGIN PRIVATE KEY-----\n…\n-----END PRIVATE KEY-----",
};

export function AccountFieldInput({
  field,
  value,
  saved,
  invalid,
  onChange,
}: {
  field: AccountField;
  value: string;
  /** A write-only field that holds a saved value. */
  saved: boolean;
  invalid: boolean;
  onChange: (value: string) => void;
}) {
  const id = `account-field-${field.key}`;
  const common = {
    id,
    name: field.key,
    "data-testid": `account-field-${field.key}`,
    "aria-required": field.required && !saved ? true : undefined,
    "aria-invalid": invalid || undefined,
    "aria-describedby": field.help ? `${id}-help` : undefined,
  };
  const keepPlaceholder = saved ? "Saved. Leave blank to keep it." : undefined;

  switch (field.type) {
    case "select":
      return (
        <select {...common} className={inputClass} value={value} onChange={(event) => onChange(event.target.value)}>
          {!field.required && field.default === undefined && <option value="">—</option>}
          {(field.options ?? []).map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      );
    case "certificate":
    case "privateKey":
      return (
        <textarea
          {...common}
          spellCheck={false}
          autoComplete="off"
          className={`${inputClass} min-h-24 font-mono text-xs`}
          placeholder={keepPlaceholder ?? field.placeholder ?? pemPlaceholders[field.type]}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    case "secret":
      return (
        <TextInput
          {...common}
          type="password"
          autoComplete="new-password"
          placeholder={keepPlaceholder ?? field.placeholder}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      );
    default:
      return (
        <TextInput
          {...common}
          type={field.type === "url" ? "url" : "text"}
          autoComplete="off"
          spellCheck={false}
          placeholder={field.placeholder}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      );
  }
}
