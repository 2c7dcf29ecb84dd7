// The built-in IOM simulator's REST services (/api/simulators/iom/rest/order-service/…, /rest/rma/…,
// /servlets/services/…, the DocumentServlet's document links), answered by the same layer the connector's tests use. 404 while the simulator is off.
import { builtInIom, builtInIomEnabled, IOM_MOUNT_PATH } from "@/server/connectors/iom/simulator/built-in";

export const dynamic = "force-dynamic";

async function handle(request: Request, params: Promise<{ path: string[] }>): Promise<Response> {
  if (!builtInIomEnabled()) return Response.json({ error: "The built-in IOM simulator is off" }, { status: 404 });
  const { path } = await params;
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  const reply = builtInIom().handle(
    {
      method: request.method,
      url: `/${path.map(encodeURIComponent).join("/")}${url.search}`,
      headers,
      body: await request.text(),
    },
    `${url.origin}${IOM_MOUNT_PATH}`,
  );
  const body = typeof reply.body === "string" ? reply.body || null : new Uint8Array(reply.body);
  return new Response(body, { status: reply.status, headers: reply.headers });
}

type Context = { params: Promise<{ path: string[] }> };

export const GET = (request: Request, context: Context) => handle(request, context.params);
export const POST = (request: Request, context: Context) => handle(request, context.params);
