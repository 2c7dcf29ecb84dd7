// What NewStore does on a basket or checkout when it runs beside an external OMS: POST the products and fulfillment
// locations to the configured webhook with the api_key as the raw Authorization header, wait at most `timeout`
// seconds, and read { availabilities: [{ product_id, external_identifier, fulfillment_location, atp }] }. A late,
// failed or malformed answer makes NewStore treat every item as unavailable (B4), which is what the rows then say.
import { z } from "zod";
import { simulatorFetch } from "../../sdk/simulator-callback";
import type { AskRecord, AskRow, SimState } from "./state";

const answerSchema = z.object({
  availabilities: z.array(
    z.object({
      product_id: z.string(),
      external_identifier: z.string().optional(),
      fulfillment_location: z.string(),
      atp: z.number(),
    }),
  ),
});

const MAX_KEPT_ASKS = 20;
const MAX_REPLY_CHARS = 4096;

export interface AskInput {
  productIds: string[];
  locations: string[];
}

function unavailable(productIds: string[], locations: string[]): AskRow[] {
  return productIds.flatMap((id) =>
    locations.map((location) => ({ product_id: id, fulfillment_location: location, atp: 0, answered: false })),
  );
}

/** Asks the configured webhook, records the exchange (newest first) and returns it; throws when asking is off. */
export async function askForAvailability(state: SimState, input: AskInput): Promise<AskRecord> {
  const webhook = state.webhook;
  if (!webhook) throw new Error("No availability webhook is configured: NewStore has nobody to ask.");
  if (!state.externalAtp.value) {
    throw new Error("Requesting external ATP is off: NewStore uses its own stock and does not call the webhook.");
  }
  const request = {
    products: input.productIds.map((id) => ({ product_id: id, external_identifier: id })),
    fulfillment_locations: input.locations,
  };
  const started = performance.now();
  const record: AskRecord = {
    at: state.clock().toISOString(),
    url: webhook.url,
    request,
    status: null,
    ms: 0,
    reply: "",
    outcome: "answered",
    rows: unavailable(input.productIds, input.locations),
  };
  try {
    const response = await simulatorFetch(webhook.url, {
      method: "POST",
      headers: { authorization: webhook.api_key, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(webhook.timeout * 1000),
    });
    const text = await response.text();
    record.status = response.status;
    record.reply = text.slice(0, MAX_REPLY_CHARS);
    record.ms = Math.round(performance.now() - started);
    if (response.status !== 200) {
      record.outcome = `unavailable: the webhook answered ${response.status}`;
    } else {
      record.outcome = readAnswer(record, text);
    }
  } catch (error) {
    record.ms = Math.round(performance.now() - started);
    const late = error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
    record.outcome = late
      ? `unavailable: no answer within the ${webhook.timeout} s timeout`
      : `unavailable: the webhook could not be reached (${error instanceof Error ? error.message : String(error)})`;
  }
  state.asks.unshift(record);
  state.asks.length = Math.min(state.asks.length, MAX_KEPT_ASKS);
  return record;
}

function readAnswer(record: AskRecord, text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return "unavailable: the answer is not JSON";
  }
  const parsed = answerSchema.safeParse(body);
  if (!parsed.success) return "unavailable: the answer does not have the documented shape";
  record.rows = record.rows.map((row) => {
    const entry = parsed.data.availabilities.find(
      (candidate) =>
        candidate.product_id === row.product_id && candidate.fulfillment_location === row.fulfillment_location,
    );
    return entry ? { ...row, atp: Math.max(0, entry.atp), answered: true } : row;
  });
  return "answered";
}
