// The built-in Sterling simulator's REST API (POST /api/simulators/sterling/smcfs/restapi/invoke/<api>) and its IBM MQ
// messaging REST API (/api/simulators/sterling/ibmmq/rest/v1|v2/messaging/qmgr/<qm>/queue/<q>/message: POST puts,
// DELETE gets, GET browses), answered by the same layers the connector's tests use. 404 while the simulator is off
// (CONFLUX_STERLING_SIMULATOR).
import { builtInMq, builtInSimulator, builtInSimulatorEnabled } from "@/server/connectors/sterling/simulator/built-in";

export const dynamic = "force-dynamic";

async function handle(request: Request, params: Promise<{ path: string[] }>): Promise<Response> {
  if (!builtInSimulatorEnabled()) {
    return Response.json({ error: "The built-in Sterling simulator is off" }, { status: 404 });
  }
  const { path } = await params;
  const url = new URL(request.url);
  const below = `/${path.map(encodeURIComponent).join("/")}`;
  if (path[0] === "ibmmq") {
    const headers = Object.fromEntries([...request.headers].map(([name, value]) => [name.toLowerCase(), value]));
    const reply = builtInMq().handle({
      method: request.method,
      url: new URL(`${below}${url.search}`, url.origin),
      headers,
      body: await request.text(),
    });
    return new Response(reply.status === 204 ? null : reply.body, { status: reply.status, headers: reply.headers });
  }
  const reply = builtInSimulator().handleRest({
    method: request.method,
    path: below,
    query: url.searchParams,
    cookie: request.headers.get("cookie") ?? undefined,
    authorization: request.headers.get("authorization") ?? undefined,
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
export const DELETE = (request: Request, context: Context) => handle(request, context.params);
