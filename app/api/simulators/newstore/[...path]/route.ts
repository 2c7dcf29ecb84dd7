// The built-in NewStore simulator's API (/api/simulators/newstore/v0/…) and identity realm
// (/api/simulators/newstore/auth/realms/…/token), answered by the same backend the connector's tests use. 404 while
// the simulator is off.
import { builtInNewStore, builtInNewStoreEnabled } from "@/server/connectors/newstore/simulator/built-in";

export const dynamic = "force-dynamic";

async function handle(request: Request, params: Promise<{ path: string[] }>): Promise<Response> {
  if (!builtInNewStoreEnabled()) {
    return Response.json({ error: "The built-in NewStore simulator is off" }, { status: 404 });
  }
  const { path } = await params;
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  const reply = builtInNewStore().handle({
    method: request.method,
    url: `/${path.map(encodeURIComponent).join("/")}${url.search}`,
    headers,
    body: await request.text(),
  });
  return new Response(reply.body === "" ? null : reply.body, { status: reply.status, headers: reply.headers });
}

type Context = { params: Promise<{ path: string[] }> };

export const GET = (request: Request, context: Context) => handle(request, context.params);
export const POST = (request: Request, context: Context) => handle(request, context.params);
export const PUT = (request: Request, context: Context) => handle(request, context.params);
export const DELETE = (request: Request, context: Context) => handle(request, context.params);
