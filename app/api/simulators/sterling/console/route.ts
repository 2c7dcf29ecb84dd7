// The simulator page's own API: the built-in Sterling's orders and its IBM MQ event and service queues (GET) and one change to
// the orders (POST), both 404 while the simulator is off. Changes go through Sterling's documented APIs (simulator/console.ts).
import { z } from "zod";
import {
  BUILT_IN_QUEUE_MANAGER,
  builtInMq,
  builtInSimulator,
  builtInSimulatorEnabled,
  serviceQueueDepths,
} from "@/server/connectors/sterling/simulator/built-in";
import { eventQueueDepths } from "@/server/connectors/sterling/simulator/event-publisher";
import {
  consoleActionSchema,
  consoleChoices,
  consoleOrders,
  runConsoleAction,
} from "@/server/connectors/sterling/simulator/console";
import { SterlingFault } from "@/server/connectors/sterling/simulator/state";

export const dynamic = "force-dynamic";

const off = () => Response.json({ error: "The built-in Sterling simulator is off" }, { status: 404 });

export function GET(): Response {
  if (!builtInSimulatorEnabled()) return off();
  const backend = builtInSimulator();
  return Response.json({
    orders: consoleOrders(backend),
    ...consoleChoices(backend),
    recentCalls: backend.recentCalls(),
    eventQueues: eventQueueDepths(builtInMq(), BUILT_IN_QUEUE_MANAGER),
    serviceQueues: serviceQueueDepths(),
  });
}

export async function POST(request: Request): Promise<Response> {
  if (!builtInSimulatorEnabled()) return off();
  const parsed = consoleActionSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) {
    return Response.json({ error: z.prettifyError(parsed.error) }, { status: 400 });
  }
  try {
    return Response.json({ message: runConsoleAction(builtInSimulator(), parsed.data) });
  } catch (error) {
    if (error instanceof SterlingFault) {
      return Response.json({ error: `Sterling refused: ${error.description} [${error.code}]` }, { status: 400 });
    }
    throw error;
  }
}
