// The built-in Sterling simulator's REST API (POST /api/simulators/sterling/smcfs/restapi/invoke/<api>), answered
// by the same REST layer the connector's tests use. 404 while the simulator is off (CONFLUX_STERLING_SIMULATOR).
import { builtInSimulator, builtInSimulatorEnabled } from "@/server/connectors/sterling/simulator/built-in";

export const dynamic = "force-dynamic";

async function handle(request: Request, params: Promise<{ path: string[] }>): Promise<Response> {
  if (!builtInSimulatorEnabled()) {
    return Response.json({ error: "The built-in Sterling simulator is off" }, { status: 404 });
  }
  const { path } = await params;
  const url = new URL(request.url);
  const reply = builtInSimulator().handleRest({
    method: request.method,
    path: `/${path.map(encodeURIComponent).join("/")}`,
    query: url.searchParams,
    cookie: request.headers.get("cookie") ?? undefined,
    body: await request.text(),
  });
  const headers = new Headers();
  for (const [name, value] of Object.entries(reply.headers)) {
    for (const entry of [value].flat()) headers.append(name, entry);
  }
  return new Response(reply.body, { status: reply.status, headers });
}

type Context = { params: Promise<{ path: string[] }> };

export const GET = (request: Request, context: Context) => handle(request, context.params);
export const POST = (request: Request, context: Context) => handle(request, context.params);
