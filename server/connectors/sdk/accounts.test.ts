import { describe, expect, it } from "vitest";
import { z } from "zod";
import { accountModeProblem } from "@/lib/account-fields";
import { ConfluxError } from "@/lib/errors";
import { accountField, accountMode, defineAccounts } from "./accounts";
import { defineConnector } from "./define";
import { buildConnectorManifest } from "./manifest";
import type { ActionContext, AnyAction } from "./types";

const token = accountMode({
  key: "token",
  label: "API token",
  fields: z.object({
    baseUrl: z
      .string()
      .trim()
      .transform((value) => new URL(value))
      .meta(accountField({ label: "Base URL", type: "url", placeholder: "https://x.example" })),
    token: z
      .string()
      .min(1)
      .meta(accountField({ label: "Token", type: "secret", help: "From the profile page." })),
    region: z
      .enum(["eu", "us"])
      .default("eu")
      .meta(accountField({ label: "Region", optionLabels: { eu: "Europe" } })),
  }),
});
const queue = accountMode({
  key: "queue",
  label: "Message queue",
  fields: z.object({
    port: z
      .string()
      .regex(/^\d+$/, "must be a number")
      .transform(Number)
      .meta(accountField({ label: "Port" })),
    note: z
      .string()
      .optional()
      .meta(accountField({ label: "Note" })),
  }),
});
const accounts = defineAccounts({ application: "Example", accountRequired: true, modes: [token, queue] });

const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
const ctx = (account?: ActionContext["account"]): ActionContext => ({
  idempotencyKey: "r:s",
  signal: new AbortController().signal,
  log,
  runId: "r",
  stepId: "s",
  account,
});

const tokenOnly = accounts.action({
  key: "fetch",
  label: "Fetch",
  description: "",
  group: "G",
  modes: ["token"],
  input: z.object({}),
  output: z.object({ host: z.string(), region: z.string() }),
  // ctx.account is typed for the token mode: a URL and the enum, no string lookups.
  run: async ({ ctx }) => ({ host: ctx.account.values.baseUrl.host, region: ctx.account.values.region }),
});

async function failure(promise: Promise<unknown>): Promise<ConfluxError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof ConfluxError)) throw new Error(`expected a ConfluxError, got ${String(error)}`);
  return error;
}

describe("account modes declared with zod", () => {
  it("describe the Connect form from the schema and its hints", () => {
    expect(accounts.auth).toEqual({
      accountRequired: true,
      modes: [
        {
          key: "token",
          label: "API token",
          fields: [
            { key: "baseUrl", label: "Base URL", type: "url", required: true, placeholder: "https://x.example" },
            { key: "token", label: "Token", type: "secret", required: true, help: "From the profile page." },
            {
              key: "region",
              label: "Region",
              type: "select",
              required: true,
              default: "eu",
              options: [
                { value: "eu", label: "Europe" },
                { value: "us", label: "us" },
              ],
            },
          ],
        },
        {
          key: "queue",
          label: "Message queue",
          fields: [
            { key: "port", label: "Port", type: "text", required: true },
            { key: "note", label: "Note", type: "text", required: false },
          ],
        },
      ],
    });
  });

  it("refuse a field without hints when the connector loads", () => {
    const bare = accountMode({ key: "x", label: "X", fields: z.object({ secret: z.string() }) });
    expect(() => defineAccounts({ application: "A", accountRequired: true, modes: [bare] })).toThrow(
      /field "secret" has no accountField/,
    );
  });

  it("give an action its account read for the mode, and refuse other modes and missing accounts", async () => {
    const account = { id: "a", mode: "token", credentials: { baseUrl: "https://api.example/v1", token: "t" } };
    await expect(tokenOnly.run({ input: {}, ctx: ctx(account) })).resolves.toEqual({
      host: "api.example",
      region: "eu",
    });
    const wrongMode = await failure(
      tokenOnly.run({ input: {}, ctx: ctx({ id: "b", mode: "queue", credentials: {} }) }),
    );
    expect(wrongMode.message).toBe(
      '"Fetch" cannot use an account connected with "Message queue": choose an account connected with "API token"',
    );
    expect((await failure(tokenOnly.run({ input: {}, ctx: ctx() }))).message).toBe(
      '"Fetch" needs an Example account: choose one on the step',
    );
    const stale = await failure(
      tokenOnly.run({ input: {}, ctx: ctx({ id: "c", mode: "token", credentials: { baseUrl: "https://x" } }) }),
    );
    expect(stale.message).toBe("The account has no Token: edit the account to add it");
    expect(tokenOnly.modes).toEqual(["token"]);
  });

  it("check saved values with the mode's own rules, by field", () => {
    expect(accounts.check("queue", { port: "1414" })).toBeUndefined();
    expect(accounts.check("queue", { port: "fourteen" })).toEqual({ field: "port", message: "Port must be a number" });
  });

  it("carry the supported modes into the manifest, where Start and the designer word the refusal", () => {
    const connector = defineConnector({
      id: "example",
      name: "Example",
      description: "",
      icon: "box",
      accounts,
      triggers: [],
      actions: [tokenOnly],
    });
    expect(connector.auth).toBe(accounts.auth);
    const manifest = buildConnectorManifest([connector]);
    const operation = manifest.connectors[0]?.actions[0];
    expect(operation?.accountModes).toEqual(["token"]);
    expect(accountModeProblem(connector.auth, { label: "Fetch", modes: ["token"] }, { name: "Q", mode: "queue" })).toBe(
      'The account "Q" connects with "Message queue", which Fetch cannot use: choose an account connected with "API token"',
    );
    expect(accountModeProblem(connector.auth, { label: "Fetch" }, { name: "Q", mode: "queue" })).toBeUndefined();
    expect(() =>
      defineConnector({
        id: "broken",
        name: "Broken",
        description: "",
        icon: "box",
        accounts,
        triggers: [],
        actions: [{ ...tokenOnly, modes: ["ftp"] }],
      }),
    ).toThrow(/names the unknown mode "ftp"/);
  });

  it("carry how an operation uses its account into the manifest, and refuse a requiredWhen that is no switch", () => {
    const listens = { ...tokenOnly, key: "listens", account: "none" as const };
    const registers = {
      ...tokenOnly,
      key: "registers",
      input: z.object({ register: z.boolean().default(true), name: z.string().optional() }),
      account: { requiredWhen: "register" },
    };
    const connector = (actions: AnyAction[]) =>
      defineConnector({
        id: "example",
        name: "Example",
        description: "",
        icon: "box",
        accounts,
        triggers: [],
        actions,
      });
    const manifest = buildConnectorManifest([connector([tokenOnly, listens, registers])]);
    expect(manifest.connectors[0]?.actions.map((action) => action.account)).toEqual([
      undefined,
      "none",
      { requiredWhen: "register" },
    ]);
    expect(() => connector([{ ...registers, account: { requiredWhen: "name" } }])).toThrow(
      /requires its account when "name", which is not an on\/off setting/,
    );
    expect(() => connector([{ ...registers, account: { requiredWhen: "missing" } }])).toThrow(/"missing"/);
  });
});
