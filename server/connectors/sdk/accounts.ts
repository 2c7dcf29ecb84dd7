// Account modes declared with zod, the way operation inputs are: each mode is a z.object whose fields carry hints
// (`accountField`) for the Connect form. From one declaration come the plain form description the manifest sends to
// the browser (lib/account-fields.ts), the check of values on save, and a typed account for every action, trigger,
// options loader and connection test, so no connector re-parses a string-keyed record or re-writes a mode check.
import type { z } from "zod";
import type { ConnectionMode, ConnectorAuth } from "@/lib/account-fields";
import { ConfluxError } from "@/lib/errors";
import { describeField } from "./account-field-hints";
import { defineAction, definePollingTrigger } from "./define";
import type { OptionsLoader, OptionsLoaderArgs } from "./options";
import type {
  ActionAccount,
  ActionContext,
  ActionDefinition,
  PollArgs,
  PollingTriggerDefinition,
  PollResult,
  TestConnectionArgs,
} from "./types";

export { accountField, type AccountFieldHints } from "./account-field-hints";

/** One way of connecting an account. Values are saved as strings, so every field must accept a string. */
export interface AccountMode<Key extends string = string, Fields extends z.ZodObject = z.ZodObject> {
  key: Key;
  label: string;
  description?: string;
  fields: Fields;
}

export function accountMode<Key extends string, Fields extends z.ZodObject>(
  mode: AccountMode<Key, Fields>,
): AccountMode<Key, Fields> {
  return mode;
}

/** A saved account read for its mode: `values` is the mode's z.output, so transforms (a parsed URL) arrive done. */
export type ModeAccount<Mode> =
  Mode extends AccountMode<infer Key, infer Fields> ? { id: string; mode: Key; values: z.output<Fields> } : never;

type AccountFor<Mode extends AccountMode, Key extends string> = ModeAccount<Extract<Mode, { key: Key }>>;
type MaybeAccount<Account, Required extends boolean> = Required extends true ? Account : Account | undefined;

/** What the server keeps of a connector's accounts besides the form: the check of values against the zod modes. */
export interface AccountDeclaration {
  auth: ConnectorAuth;
  /** The first problem of values (already checked against the form) with the mode's schema, by field key. */
  check(mode: string, values: Readonly<Record<string, string>>): { field: string; message: string } | undefined;
}

export interface AccountActionContext<Account> extends Omit<ActionContext, "account"> {
  account: Account;
}

export interface AccountActionDefinition<
  Input extends z.ZodType,
  Output extends z.ZodType,
  Key extends string,
  Account,
> extends Omit<ActionDefinition<Input, Output>, "run" | "modes"> {
  /** The modes the action works with; absent: all of them. */
  modes?: readonly Key[];
  run(args: { input: z.output<Input>; ctx: AccountActionContext<Account> }): Promise<z.input<Output>>;
}

export interface AccountPollingTriggerDefinition<
  Input extends z.ZodType,
  Output extends z.ZodType,
  Key extends string,
  Account,
> extends Omit<PollingTriggerDefinition<Input, Output>, "poll" | "modes"> {
  modes?: readonly Key[];
  poll(args: Omit<PollArgs<z.output<Input>>, "account"> & { account: Account }): Promise<PollResult>;
}

export interface AccountOptionsLoader<Key extends string, Account> extends Omit<OptionsLoader, "load"> {
  modes?: readonly Key[];
  load(args: Omit<OptionsLoaderArgs, "account"> & { account: Account }): ReturnType<OptionsLoader["load"]>;
}

export interface ConnectorAccounts<Mode extends AccountMode, Required extends boolean> extends AccountDeclaration {
  /**
   * Reads the account a step, trigger or loader was given for `what` (its label): refuses a missing account (when
   * accounts are required) and one of a mode `what` does not support, with a sentence that says which to choose.
   */
  read<Key extends Mode["key"]>(
    account: ActionAccount | undefined,
    what: string,
    modes?: readonly Key[],
  ): MaybeAccount<AccountFor<Mode, Key>, Required>;
  action<Input extends z.ZodType, Output extends z.ZodType, Key extends Mode["key"] = Mode["key"]>(
    definition: AccountActionDefinition<Input, Output, Key, MaybeAccount<AccountFor<Mode, Key>, Required>>,
  ): ActionDefinition<Input, Output>;
  pollingTrigger<Input extends z.ZodType, Output extends z.ZodType, Key extends Mode["key"] = Mode["key"]>(
    definition: AccountPollingTriggerDefinition<Input, Output, Key, MaybeAccount<AccountFor<Mode, Key>, Required>>,
  ): PollingTriggerDefinition<Input, Output>;
  optionsLoader<Key extends Mode["key"] = Mode["key"]>(
    loader: AccountOptionsLoader<Key, AccountFor<Mode, Key>>,
  ): OptionsLoader;
  testConnection(
    test: (args: { account: ModeAccount<Mode>; signal: AbortSignal }) => Promise<void>,
  ): (args: TestConnectionArgs) => Promise<void>;
}

/**
 * Declares a connector's accounts. `application` names the system in messages ("needs an IBM Sterling OMS
 * account"); `accountRequired: false` where a step may run without one (HTTP calls public APIs too).
 */
export function defineAccounts<const Mode extends AccountMode, const Required extends boolean>(declaration: {
  application: string;
  accountRequired: Required;
  modes: readonly Mode[];
}): ConnectorAccounts<Mode, Required> {
  const { application, modes } = declaration;
  const auth: ConnectorAuth = {
    accountRequired: declaration.accountRequired,
    modes: modes.map((mode) => describeMode(mode)),
  };
  const byKey = new Map<string, Mode>(modes.map((mode) => [mode.key, mode]));
  const labelOf = (key: string) => byKey.get(key)?.label ?? key;

  // Overloads carry the declared union to callers: TypeScript cannot follow the runtime mode lookup to it.
  function parse<Key extends Mode["key"]>(
    account: ActionAccount,
    what: string,
    supported: readonly Key[] | undefined,
  ): AccountFor<Mode, Key>;
  function parse(account: ActionAccount, what: string, supported: readonly string[] | undefined) {
    const mode = byKey.get(account.mode);
    if (!mode) {
      throw new ConfluxError(
        "INPUT_INVALID",
        `The account's connection mode "${account.mode}" is not one ${application} knows: edit the account`,
      );
    }
    if (supported && !supported.includes(mode.key)) {
      throw new ConfluxError("INPUT_INVALID", unsupportedModeMessage(what, mode.label, supported.map(labelOf)));
    }
    const parsed = mode.fields.safeParse(account.credentials);
    if (!parsed.success) {
      // Saved accounts were checked on save; this only trips on one saved under an older declaration.
      const issue = parsed.error.issues[0];
      const key = String(issue?.path[0] ?? "");
      const field = auth.modes.find((candidate) => candidate.key === mode.key)?.fields.find((f) => f.key === key);
      const label = field?.label ?? key;
      // A rule of the connector's own words what is wrong; zod's built-in messages are not written for users.
      const message =
        issue?.code === "custom" || account.credentials[key]?.trim()
          ? `The account's ${label} ${issue?.message ?? "is not valid"}: edit the account`
          : `The account has no ${label}: edit the account to add it`;
      throw new ConfluxError("INPUT_INVALID", message);
    }
    return { id: account.id, mode: mode.key, values: parsed.data };
  }

  function read<Key extends Mode["key"]>(
    account: ActionAccount | undefined,
    what: string,
    supported?: readonly Key[],
  ): MaybeAccount<AccountFor<Mode, Key>, Required>;
  function read(account: ActionAccount | undefined, what: string, supported?: readonly Mode["key"][]) {
    if (!account) {
      if (!declaration.accountRequired) return undefined;
      throw new ConfluxError("INPUT_INVALID", `"${what}" needs an ${application} account: choose one on the step`);
    }
    return parse(account, what, supported);
  }

  return {
    auth,
    check(modeKey, values) {
      const mode = byKey.get(modeKey);
      if (!mode) return undefined;
      const parsed = mode.fields.safeParse(values);
      if (parsed.success) return undefined;
      const issue = parsed.error.issues[0];
      const key = String(issue?.path[0] ?? "");
      const label = auth.modes.find((m) => m.key === modeKey)?.fields.find((f) => f.key === key)?.label ?? key;
      return { field: key, message: `${label} ${issue?.message ?? "is not valid"}` };
    },
    read: read,
    action(definition) {
      const supported = definition.modes ?? [...byKey.keys()];
      return defineAction({
        ...definition,
        modes: supported,
        run: async ({ input, ctx }) =>
          definition.run({ input, ctx: { ...ctx, account: read(ctx.account, definition.label, definition.modes) } }),
      });
    },
    pollingTrigger(definition) {
      const supported = definition.modes ?? [...byKey.keys()];
      return definePollingTrigger({
        ...definition,
        modes: supported,
        poll: async (args) =>
          definition.poll({ ...args, account: read(args.account, definition.label, definition.modes) }),
      });
    },
    optionsLoader(loader) {
      return {
        noun: loader.noun,
        ...(loader.dependsOn ? { dependsOn: loader.dependsOn } : {}),
        load: async (args) => {
          const mode = byKey.get(args.account.mode);
          const supported: readonly string[] | undefined = loader.modes;
          if (mode && supported && !supported.includes(mode.key)) {
            const choices = supported.map((key) => `"${labelOf(key)}"`).join(" or ");
            throw new ConfluxError(
              "INPUT_INVALID",
              `The ${loader.noun} cannot be loaded with an account connected with "${mode.label}". Type the ` +
                `value, or choose an account connected with ${choices}.`,
            );
          }
          return loader.load({ ...args, account: parse(args.account, `the ${loader.noun}`, loader.modes) });
        },
      };
    },
    testConnection(test) {
      return async ({ accountId, mode, credentials, signal }) => {
        return test({
          account: parse({ id: accountId ?? "", mode, credentials }, "Test connection", undefined),
          signal,
        });
      };
    },
  };
}

function unsupportedModeMessage(what: string, modeLabel: string, supported: readonly string[]): string {
  const choices = supported.map((label) => `"${label}"`).join(" or ");
  return `"${what}" cannot use an account connected with "${modeLabel}": choose an account connected with ${choices}`;
}

function describeMode(mode: AccountMode): ConnectionMode {
  const shape: Record<string, z.ZodType> = mode.fields.shape;
  return {
    key: mode.key,
    label: mode.label,
    ...(mode.description ? { description: mode.description } : {}),
    fields: Object.entries(shape).map(([key, schema]) => describeField(mode.key, key, schema)),
  };
}
