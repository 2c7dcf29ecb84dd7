// The IOM simulator page's own API: the built-in IOM's orders (GET) and one change to them (POST), both 404 while the
// simulator is off.
import { z } from "zod";
import { builtInIom, builtInIomEnabled } from "@/server/connectors/iom/simulator/built-in";
import {
  iomConsoleActionSchema,
  iomConsoleOrders,
  runIomConsoleAction,
} from "@/server/connectors/iom/simulator/console";

export const dynamic = "force-dynamic";

const off = () => Response.json({ error: "The built-in IOM simulator is off" }, { status: 404 });

export function GET(): Response {
  if (!builtInIomEnabled()) return off();
  return Response.json({ orders: iomConsoleOrders(builtInIom()) });
}

export async function POST(request: Request): Promise<Response> {
  if (!builtInIomEnabled()) return off();
  const parsed = iomConsoleActionSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return Response.json({ error: z.prettifyError(parsed.error) }, { status: 400 });
  try {
    return Response.json({ message: runIomConsoleAction(builtInIom(), parsed.data) });
  } catch (error) {
    return Response.json({ error: error instanceof Error ? error.message : String(error) }, { status: 400 });
  }
}
