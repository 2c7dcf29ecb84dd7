// Check availability: the Inventory servlet's ATP (GET /servlets/services/atp/{shopId}/{id,id,…}) for a list of
// products, with the IOM Connector's documented behaviours: answers are cached for the account's few seconds,
// shared by every flow on the account, and when IOM cannot be reached the step still answers (the last answer IOM
// gave, else the fallback quantity) and marks the output as a fallback, as "Availability check on failure" does.
import { z } from "zod";
import { ConfluxError, RemoteError } from "@/lib/errors";
import { field } from "../../sdk";
import { atpPath, callIom, readBody } from "../client";
import { iomAccount, iomAction, textList } from "../common";
import { BASIC_MODE, type IomAccount } from "../auth";
import { fresh, lastKnown, remember, type AtpAnswer } from "../availability-cache";

const atpReply = z.object({
  data: z
    .array(
      z.object({
        id: z.string(),
        atp: z.number().default(0),
        stock: z.number().optional(),
        state: z.string().optional(),
        location: z.string().optional(),
        modificationDate: z.string().optional(),
      }),
    )
    .default([]),
  errors: z.array(z.object({ message: z.string().optional(), sourceField: z.string().optional() })).default([]),
  exceptions: z.array(z.object({ message: z.string().optional(), code: z.string().optional() })).default([]),
});

const product = z.object({
  id: z.string(),
  atp: z.number(),
  stock: z.number().nullable(),
  state: z.string(),
  available: z.boolean(),
  location: z.string().nullable(),
  source: z.enum(["iom", "cache", "lastKnown", "fallback"]),
});

export const checkAvailabilityAction = iomAction({
  key: "checkAvailability",
  label: "Check availability",
  description: "The quantity IOM can promise (ATP) for each product, cached for a few seconds, with a fallback answer.",
  group: "Availability",
  // The Inventory servlet accepts Basic authentication only (its OpenAPI definition declares no bearer scheme).
  modes: [BASIC_MODE],
  input: z.object({
    productIds: textList("Shop product IDs", "One per line or separated by commas.", 1),
    onFailure: z
      .enum(["answer", "fail"])
      .default("answer")
      .meta(
        field({
          title: "When IOM cannot be reached",
          order: 2,
          enumLabels: { answer: "Answer anyway (marked as fallback)", fail: "Fail the step" },
        }),
      ),
    fallbackQuantity: z
      .number()
      .int()
      .min(0)
      .default(0)
      .meta(
        field({
          title: "Fallback quantity",
          description: "Assumed for a product IOM never answered for, while IOM cannot be reached.",
          order: 3,
        }),
      ),
  }),
  output: z.object({
    products: z.array(product),
    unknownProducts: z.array(z.string()),
    fallback: z.boolean(),
    fallbackReason: z.string().nullable(),
  }),
  async run({ input, ctx }) {
    const account = iomAccount(ctx.account);
    const scope = `${account.id}|${account.baseUrl}|${account.shopId}`;
    const ids = [...new Set(input.productIds)];
    if (ids.length === 0) throw new ConfluxError("INPUT_INVALID", "Check availability needs at least one product ID");
    const cached = new Map<string, AtpAnswer>();
    for (const id of ids) {
      const answer = fresh(scope, id, account.cacheSeconds);
      if (answer) cached.set(id, answer);
    }
    const missing = ids.filter((id) => !cached.has(id));
    let fetched = new Map<string, AtpAnswer>();
    let unknownProducts: string[] = [];
    let failure: ConfluxError | undefined;
    if (missing.length) {
      try {
        ({ fetched, unknownProducts } = await fetchAtp(account, missing, ctx.signal));
        for (const answer of fetched.values()) remember(scope, answer);
      } catch (error) {
        if (!(error instanceof RemoteError) || !unreachable(error) || input.onFailure === "fail") throw error;
        failure = error;
        ctx.log.warn("IOM could not be reached: answering availability from the fallback", { reason: error.message });
      }
    }
    const products = ids
      .filter((id) => !unknownProducts.includes(id))
      .map((id) => {
        const hit = cached.get(id);
        if (hit) return shape(hit, "cache");
        const answer = fetched.get(id);
        if (answer) return shape(answer, "iom");
        const known = lastKnown(scope, id);
        if (known) return shape(known.answer, "lastKnown");
        const atp = input.fallbackQuantity;
        return shape(
          {
            id,
            atp,
            stock: null,
            state: atp > 0 ? "available" : "temporarily not available",
            location: null,
            modificationDate: null,
          },
          "fallback",
        );
      });
    return { products, unknownProducts, fallback: failure !== undefined, fallbackReason: failure?.message ?? null };
  },
});

function shape(answer: AtpAnswer, source: z.output<typeof product>["source"]): z.input<typeof product> {
  return {
    id: answer.id,
    atp: answer.atp,
    stock: answer.stock,
    state: answer.state,
    available: answer.atp > 0,
    location: answer.location,
    source,
  };
}

/** Network trouble, a timeout or a server error: IOM is not there to ask. A refusal (401, 403, 400) is not. */
function unreachable(error: RemoteError): boolean {
  return error.code === "NETWORK" || error.code === "TIMEOUT" || (error.status !== undefined && error.status >= 500);
}

async function fetchAtp(account: IomAccount, ids: string[], signal: AbortSignal) {
  const response = await callIom(account, {
    method: "GET",
    path: atpPath(account, ids),
    what: "the availability",
    signal,
  });
  const reply = readBody(atpReply, response, account, "the availability");
  const exception = reply.exceptions[0];
  if (exception) {
    throw new RemoteError(
      "REMOTE",
      `IOM could not tell the availability: ${exception.message ?? exception.code ?? "unknown"}`,
      {
        retryable: false,
      },
    );
  }
  const fetched = new Map<string, AtpAnswer>(
    reply.data.map((item) => [
      item.id,
      {
        id: item.id,
        atp: item.atp,
        stock: item.stock ?? null,
        state: item.state ?? (item.atp > 0 ? "available" : "sold out"),
        location: item.location ?? null,
        modificationDate: item.modificationDate ?? null,
      },
    ]),
  );
  return { fetched, unknownProducts: ids.filter((id) => !fetched.has(id)) };
}
