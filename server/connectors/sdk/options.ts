// Options loaders: a field whose choices live in the remote system (Sterling's enterprises, a CRM's pipelines) names
// a loader with the `options` field hint; the designer asks the server to run it for the account chosen on the step.
// Loading happens while someone designs a flow, so it is bounded in time and size, and every failure reads as a
// sentence the designer can show under the field.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { fieldHintKeys } from "@/lib/field-hints";
import type { LiteralFieldValue } from "@/lib/field-options";
import type { ActionAccount } from "./types";

export type { LiteralFieldValue };

/** One choice of a loaded list. `value` is what the step stores; `label` what the user reads. */
export interface FieldOption {
  value: string;
  label: string;
  description?: string;
}

export interface OptionsLoaderArgs {
  /** The account chosen on the step, decrypted for this call; never returned, logged or stored. */
  account: ActionAccount;
  /** The literal values of the fields named in `dependsOn`, for the fields that hold one. */
  values: Readonly<Record<string, LiteralFieldValue>>;
  /** Aborted on timeout or when the designer stops waiting; pass it to every remote call. */
  signal: AbortSignal;
}

export interface OptionsLoader {
  /** What the list holds, plural and lower-case, for "Loading enterprises…" and "No enterprises found". */
  noun: string;
  /** Other fields of the step whose values narrow the list; the designer reloads when one changes. */
  dependsOn?: readonly string[];
  /** Returns the choices, or throws a ConfluxError whose message says what went wrong in plain words. */
  load(args: OptionsLoaderArgs): Promise<FieldOption[]>;
}

/** A designer waits this long at most; a list that takes longer is better typed by hand. */
export const OPTIONS_TIMEOUT_MS = 15_000;
/** More choices than this is not a list anyone picks from; the rest can still be typed. */
export const MAX_OPTIONS = 1000;

const optionsSchema = z.array(
  z.object({
    value: z.string().min(1),
    label: z.string(),
    description: z.string().optional(),
  }),
);

/** The loader a field names with the `options` hint, read from the operation's input schema. */
export function optionsLoaderKey(input: z.ZodType, field: string): string | undefined {
  if (!(input instanceof z.ZodObject)) return undefined;
  const shape: Record<string, unknown> = input.shape;
  const schema = shape[field];
  if (!(schema instanceof z.ZodType)) return undefined;
  return readOptionsHint(schema);
}

/** `.meta()` sits on the outermost wrapper or on an inner one (`z.string().meta(…).optional()`); both count. */
function readOptionsHint(schema: z.ZodType): string | undefined {
  const key = schema.meta()?.[fieldHintKeys.options];
  if (typeof key === "string") return key;
  const inner = "unwrap" in schema && typeof schema.unwrap === "function" ? schema.unwrap() : undefined;
  return inner instanceof z.ZodType ? readOptionsHint(inner) : undefined;
}

/**
 * Runs a loader with a deadline and checks what it returns: at most MAX_OPTIONS choices, one per value, in the
 * loader's order. A loader that ignores its signal still loses the race against the deadline.
 */
export async function runOptionsLoader(
  loader: OptionsLoader,
  args: Omit<OptionsLoaderArgs, "signal"> & { signal?: AbortSignal; timeoutMs?: number; systemName: string },
): Promise<FieldOption[]> {
  const timeoutMs = args.timeoutMs ?? OPTIONS_TIMEOUT_MS;
  const deadline = new AbortController();
  const timeout = new ConfluxError(
    "TIMEOUT",
    `${args.systemName} did not send the ${loader.noun} within ${Math.max(1, Math.round(timeoutMs / 1000))} s. Try again, or ` +
      "type the value.",
    { retryable: true },
  );
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      deadline.abort(timeout);
      reject(timeout);
    }, timeoutMs);
  });
  expired.catch(() => undefined);
  const signal = args.signal ? AbortSignal.any([args.signal, deadline.signal]) : deadline.signal;
  try {
    const loaded = await Promise.race([loader.load({ account: args.account, values: args.values, signal }), expired]);
    return checkOptions(loaded, loader.noun, args.systemName);
  } catch (error) {
    if (deadline.signal.aborted) throw timeout;
    if (error instanceof ConfluxError) throw error;
    // A loader's own bug: say which list failed without echoing a message that was not written for users.
    throw new ConfluxError("INTERNAL", `The ${loader.noun} of ${args.systemName} could not be loaded`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
}

function checkOptions(loaded: unknown, noun: string, systemName: string): FieldOption[] {
  const parsed = optionsSchema.safeParse(loaded);
  if (!parsed.success) {
    throw new ConfluxError("INTERNAL", `The ${noun} of ${systemName} came back in an unexpected shape`);
  }
  const seen = new Set<string>();
  const options: FieldOption[] = [];
  for (const option of parsed.data) {
    if (seen.has(option.value)) continue;
    seen.add(option.value);
    options.push({
      value: option.value,
      label: option.label || option.value,
      ...(option.description ? { description: option.description } : {}),
    });
    if (options.length === MAX_OPTIONS) break;
  }
  return options;
}
