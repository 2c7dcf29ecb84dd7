// The SDK's side of options loaders: reading the field hint through zod wrappers, the deadline, and what a loader's
// answer is cut down to.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { defineAction, defineConnector } from "./define";
import { field } from "./fields";
import { MAX_OPTIONS, optionsLoaderKey, runOptionsLoader, type OptionsLoader } from "./options";
import { rejection } from "@/test/rejection";

const account = { id: "acc-1", mode: "basic", credentials: { password: "pw" } };
const run = (loader: OptionsLoader, timeoutMs?: number) =>
  runOptionsLoader(loader, { account, values: {}, systemName: "Acme", timeoutMs });

describe("options loaders", () => {
  it("finds the loader a field names, inside optional and default wrappers or not at all", () => {
    const input = z.object({
      plain: z.string().meta(field({ title: "Plain", options: "things" })),
      optional: z
        .string()
        .optional()
        .meta(field({ title: "Optional", options: "others" })),
      inner: z
        .string()
        .meta(field({ title: "Inner", options: "inner" }))
        .optional(),
      none: z.string().meta(field({ title: "None" })),
    });
    expect(optionsLoaderKey(input, "plain")).toBe("things");
    expect(optionsLoaderKey(input, "optional")).toBe("others");
    expect(optionsLoaderKey(input, "inner")).toBe("inner");
    expect(optionsLoaderKey(input, "none")).toBeUndefined();
    expect(optionsLoaderKey(input, "missing")).toBeUndefined();
  });

  it("keeps one option per value, labels empty labels with the value and caps the list", async () => {
    const many = Array.from({ length: MAX_OPTIONS + 5 }, (_, index) => ({ value: `v${index}`, label: `V ${index}` }));
    const loader: OptionsLoader = {
      noun: "things",
      load: async () => [{ value: "a", label: "" }, { value: "a", label: "again" }, ...many],
    };
    const options = await run(loader);
    expect(options[0]).toEqual({ value: "a", label: "a" });
    expect(options).toHaveLength(MAX_OPTIONS);
  });

  it("gives up after the deadline even when the loader ignores its signal", async () => {
    let aborted = false;
    const slow: OptionsLoader = {
      noun: "things",
      load: ({ signal }) => {
        signal.addEventListener("abort", () => (aborted = true));
        return new Promise(() => undefined);
      },
    };
    const timeout = await rejection(run(slow, 50));
    expect(timeout).toMatchObject({ code: "TIMEOUT", retryable: true });
    expect(timeout.message).toBe("Acme did not send the things within 1 s. Try again, or type the value.");
    expect(aborted).toBe(true);
  });

  it("passes a loader's ConfluxError on and hides the message of anything else", async () => {
    const remote = await rejection(
      run({ noun: "things", load: () => Promise.reject(new ConfluxError("REMOTE", "Acme is down for maintenance")) }),
    );
    expect(remote.message).toBe("Acme is down for maintenance");
    const bug = await rejection(run({ noun: "things", load: () => Promise.reject(new TypeError("x is undefined")) }));
    expect(bug).toMatchObject({ code: "INTERNAL", message: "The things of Acme could not be loaded" });
    const shape = await rejection(run({ noun: "things", load: async () => JSON.parse('[{ "label": "no value" }]') }));
    expect(shape.message).toBe("The things of Acme came back in an unexpected shape");
  });
});

describe("defineConnector", () => {
  const action = (options: string) =>
    defineAction({
      key: "list",
      label: "List",
      description: "Lists",
      group: "Things",
      input: z.object({ kind: z.string().optional(), thing: z.string().meta(field({ title: "Thing", options })) }),
      output: z.object({}),
      run: async () => ({}),
    });
  const auth = { accountRequired: true, modes: [{ key: "basic", label: "Basic", fields: [] }] };
  const connector = (options: string, loader: OptionsLoader) =>
    defineConnector({
      id: "acme",
      name: "Acme",
      description: "Acme",
      icon: "box",
      auth,
      triggers: [],
      actions: [action(options)],
      optionsLoaders: { things: loader },
    });
  const loader: OptionsLoader = { noun: "things", dependsOn: ["kind"], load: async () => [] };

  it("accepts a field naming a declared loader that depends on a sibling field", () => {
    expect(connector("things", loader).optionsLoaders?.things).toBe(loader);
  });

  it("refuses a field naming a loader the connector does not declare, or a loader depending on no field", () => {
    expect(() => connector("stuff", loader)).toThrow('names the options loader "stuff"');
    expect(() => connector("things", { ...loader, dependsOn: ["colour"] })).toThrow('depends on "colour"');
  });
});
