// The NewStore simulator page's own API: the tenant's settings and the availability requests it made (GET), and
// asking the configured webhook for availability as NewStore does on a basket (POST). 404 while the simulator is off.
import { z } from "zod";
import { builtInNewStore, builtInNewStoreEnabled } from "@/server/connectors/newstore/simulator/built-in";

export const dynamic = "force-dynamic";

const off = () => Response.json({ error: "The built-in NewStore simulator is off" }, { status: 404 });

const list = z
  .string()
  .transform((text) => text.split(/[\s,]+/).filter(Boolean))
  .pipe(z.array(z.string().max(100)).min(1).max(50));
const askSchema = z.object({ productIds: list, locations: list });

export function GET(): Response {
  if (!builtInNewStoreEnabled()) return off();
  const { state } = builtInNewStore();
  return Response.json({
    webhook: state.webhook && { ...state.webhook, api_key: `…${state.webhook.api_key.slice(-4)}` },
    externalAtp: state.externalAtp.value,
    externalOms: state.externalOms.enabled,
    asks: state.asks,
  });
}

export async function POST(request: Request): Promise<Response> {
  if (!builtInNewStoreEnabled()) return off();
  const parsed = askSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) {
    return Response.json({ error: "Enter at least one product id and one fulfillment location." }, { status: 400 });
  }
  try {
    return Response.json({ ask: await builtInNewStore().ask(parsed.data) });
  } catch (error) {
    return Response.json({ error: error instanceof Error ? error.message : String(error) }, { status: 409 });
  }
}
