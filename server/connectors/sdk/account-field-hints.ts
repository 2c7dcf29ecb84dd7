// The hints an account field carries for the Connect form (label, type, help, placeholder, option labels), and how
// the form description of one field is read back from its zod schema. accounts.ts builds whole modes from these.
import { z, type GlobalMeta } from "zod";
import { accountFieldTypes, type AccountField } from "@/lib/account-fields";

const ACCOUNT_FIELD = "x-conflux-accountField";

export interface AccountFieldHints {
  label: string;
  /** How the form shows and checks the value. A z.enum is a `select` whatever this says; default `text`. */
  type?: Exclude<(typeof accountFieldTypes)[number], "select">;
  help?: string;
  placeholder?: string;
  /** Labels of a z.enum's values where the value itself is not what users read. */
  optionLabels?: Record<string, string>;
  /** The field names the host the secrets are sent to (url fields always do): changing it asks for them again. */
  destination?: boolean;
}

/** The `.meta()` of an account field: `z.string().meta(accountField({ label: "Password", type: "secret" }))`. */
export function accountField(hints: AccountFieldHints): GlobalMeta {
  return {
    title: hints.label,
    ...(hints.help ? { description: hints.help } : {}),
    [ACCOUNT_FIELD]: {
      ...(hints.type ? { type: hints.type } : {}),
      ...(hints.placeholder ? { placeholder: hints.placeholder } : {}),
      ...(hints.optionLabels ? { optionLabels: hints.optionLabels } : {}),
      ...(hints.destination ? { destination: true } : {}),
    },
  };
}

const storedHints = z.object({
  type: z.enum(accountFieldTypes).optional(),
  placeholder: z.string().optional(),
  optionLabels: z.record(z.string(), z.string()).optional(),
  destination: z.boolean().optional(),
});

/** Reads the form description of one field from its zod schema: hints, optional or defaulted, enum options. */
export function describeField(modeKey: string, key: string, schema: z.ZodType): AccountField {
  let current: z.core.$ZodType = schema;
  let required = true;
  let defaultValue: string | undefined;
  let title: string | undefined;
  let help: string | undefined;
  let hints: z.output<typeof storedHints> | undefined;
  for (let depth = 0; depth < 8; depth++) {
    const meta = z.globalRegistry.get(current);
    if (meta) {
      title ??= typeof meta.title === "string" ? meta.title : undefined;
      help ??= typeof meta.description === "string" ? meta.description : undefined;
      hints ??= storedHints.safeParse(meta[ACCOUNT_FIELD]).data;
    }
    if (current instanceof z.ZodOptional) {
      required = false;
      current = current.unwrap();
    } else if (current instanceof z.ZodDefault) {
      const value: unknown = current.def.defaultValue;
      if (typeof value === "string") defaultValue = value;
      current = current.unwrap();
    } else if (current instanceof z.ZodPipe) {
      current = current.in;
    } else break;
  }
  if (!title) throw new Error(`account mode "${modeKey}" field "${key}" has no accountField({ label }) hints`);
  const options =
    current instanceof z.ZodEnum
      ? current.options.map((value) => ({ value: String(value), label: hints?.optionLabels?.[value] ?? String(value) }))
      : undefined;
  return {
    key,
    label: title,
    type: options ? "select" : (hints?.type ?? "text"),
    required,
    ...(help ? { help } : {}),
    ...(hints?.placeholder ? { placeholder: hints.placeholder } : {}),
    ...(defaultValue !== undefined ? { default: defaultValue } : {}),
    ...(options ? { options } : {}),
    ...(hints?.destination ? { destination: true } : {}),
  };
}
