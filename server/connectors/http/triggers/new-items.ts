// "New or updated items at a URL": polls a JSON endpoint that lists items (orders, shipments, messages) and starts a
// run for each item it has not seen before, or, with a version field such as updatedAt, for each new version of one.
// With an account the URL may be a path under the account's base URL, and the account's credentials go along, the
// same way as for the Send request action.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { errorForResponse, field, httpRequest, pollIntervalField } from "../../sdk";
import { accountRequestOptions, httpAccounts, resolveAgainstBase } from "../auth";
import { findItems, itemsPathProblem, readCursor, selectNew, toEntries } from "./new-items-selection";

const MAX_POLL_TIMEOUT_MS = 120_000;

const newItemsInput = z.object({
  url: z
    .string()
    .min(1)
    .max(8192)
    .meta(
      field({
        title: "URL",
        description: "A full URL, or with an account a path under its base URL (/orders). Fetched with GET.",
        placeholder: "https://api.example.com/orders?status=created",
        order: 1,
      }),
    ),
  itemsPath: z
    .string()
    .max(1000)
    .default("")
    .superRefine((path, ctx) => {
      const problem = itemsPathProblem(path);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    })
    .meta(
      field({
        title: "Items path",
        description:
          "Where the list is in the reply: a dotted path (data.orders) or JSONata. Empty: the reply is the list.",
        placeholder: "data.orders",
        order: 2,
      }),
    ),
  keyField: z
    .string()
    .regex(/^[\w-]+(\.[\w-]+)*$/, "must be a field name or a dotted path such as order.id")
    .default("id")
    .meta(field({ title: "Key field", description: "The field that identifies an item, e.g. orderNo.", order: 3 })),
  versionField: z
    .string()
    .regex(/^[\w-]+(\.[\w-]+)*$/, "must be a field name or a dotted path such as meta.updatedAt")
    .optional()
    .meta(
      field({
        title: "Version field",
        description:
          "Optional, e.g. updatedAt: an item whose version changes starts another run. When it holds times, " +
          "items are processed oldest first; otherwise in the order of the reply.",
        order: 4,
      }),
    ),
  sinceParam: z
    .string()
    .regex(/^[\w.[\]-]+$/, "must be a query parameter name")
    .optional()
    .meta(
      field({
        title: "Since parameter",
        description:
          "Optional query parameter that receives the newest version time seen so far (ISO 8601), so the server " +
          "only lists newer items, e.g. updatedSince.",
        order: 5,
      }),
    ),
  headers: z
    .record(z.string(), z.string())
    .default({})
    .meta(field({ title: "Headers", widget: "keyValue", order: 6 })),
  timeoutMs: z
    .number()
    .int()
    .min(1)
    .max(MAX_POLL_TIMEOUT_MS)
    .default(30_000)
    .meta(
      field({ title: "Timeout (ms)", description: "Give up on a poll after this long; at most 120000.", order: 7 }),
    ),
  intervalSeconds: pollIntervalField(60),
});

export const newItemsTrigger = httpAccounts.pollingTrigger({
  key: "newItems",
  kind: "poll",
  label: "New or updated items at a URL",
  description: "Checks a URL that lists items at regular intervals and starts a run for each new or changed item.",
  group: "HTTP",
  intervalSeconds: 60,
  input: newItemsInput,
  output: z.unknown().meta({ title: "Item", description: "The item as it appears in the reply." }),
  sample: { id: "A-1001", status: "created", updatedAt: "2026-01-05T09:00:00.000Z" },
  async poll({ input, account, cursor, since, signal, log }) {
    const previous = readCursor(cursor);
    const options = account ? accountRequestOptions(account) : undefined;
    if (!options && input.url.startsWith("/")) {
      throw new ConfluxError(
        "INPUT_INVALID",
        `"${input.url}" is a path: give a full URL, or choose an account with a base URL`,
      );
    }
    const url = options ? resolveAgainstBase(input.url, options.baseUrl) : input.url;
    const target = parseUrl(url);
    const mark = previous ? previous.highWater : (since?.toISOString() ?? null);
    if (input.sinceParam && mark) target.searchParams.set(input.sinceParam, mark);

    const headers: Record<string, string> = { ...input.headers };
    if (!Object.keys(headers).some((key) => key.toLowerCase() === "accept")) headers.Accept = "application/json";
    // The account's header wins over one typed on the trigger, as for Send request.
    for (const name of Object.keys(options?.credentialHeaders ?? {})) {
      for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
    }
    const response = await httpRequest({
      method: "GET",
      url: target.toString(),
      headers,
      credentialHeaders: options?.credentialHeaders,
      tls: options?.tls,
      timeoutMs: input.timeoutMs,
      signal,
    });
    const failure = errorForResponse(response, target.host);
    if (failure) throw failure;
    if (typeof response.body === "string") {
      throw new ConfluxError("REMOTE", `${target.host} did not answer with JSON, so its items cannot be read`, {
        retryable: false,
      });
    }
    const list = await findItems(response.body, input.itemsPath);
    const entries = toEntries(list, input, (message) => log.warn(message));
    const { items, nextCursor } = selectNew(entries, previous, since);
    if (items.length > 0) log.info(`${items.length} new item(s) of ${list.length} at ${target.host}`);
    return { items, nextCursor };
  },
});

function parseUrl(url: string): URL {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") return parsed;
  } catch {
    // Reported below.
  }
  throw new ConfluxError("INPUT_INVALID", `"${url}" is not an http:// or https:// URL`);
}
