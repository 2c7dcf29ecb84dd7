// The Oracle simulator page's own API: the built-in Order Management's orders and event endpoints (GET) and one
// action on them (POST), both 404 while the simulator is off. Work is in simulator/console.ts.
import { z } from "zod";
import { builtInOracle, builtInOracleEnabled } from "@/server/connectors/oracle/simulator/built-in";
import { consoleActionSchema, consoleState, runConsoleAction } from "@/server/connectors/oracle/simulator/console";
import { OrderRefusal } from "@/server/connectors/oracle/simulator/orders";

export const dynamic = "force-dynamic";

const off = () => Response.json({ error: "The built-in Oracle simulator is off" }, { status: 404 });

export function GET(): Response {
  if (!builtInOracleEnabled()) return off();
  const { backend, outbox } = builtInOracle();
  return Response.json(consoleState(backend, outbox));
}

export async function POST(request: Request): Promise<Response> {
  if (!builtInOracleEnabled()) return off();
  const parsed = consoleActionSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return Response.json({ error: z.prettifyError(parsed.error) }, { status: 400 });
  const { backend, outbox } = builtInOracle();
  try {
    return Response.json(await runConsoleAction(backend, outbox, parsed.data));
  } catch (error) {
    if (error instanceof OrderRefusal)
      return Response.json({ error: `Oracle refused: ${error.message}` }, { status: 400 });
    throw error;
  }
}
