// The built-in Oracle Order Management simulator's REST resource
// (/api/simulators/oracle/fscmRestApi/resources/11.13.18.05/salesOrdersForOrderHub…), answered by the same layer the
// connector's tests use. 404 while the simulator is off.
import { builtInOracle, builtInOracleEnabled, ORACLE_MOUNT_PATH } from "@/server/connectors/oracle/simulator/built-in";

export const dynamic = "force-dynamic";

async function handle(request: Request, params: Promise<{ path: string[] }>): Promise<Response> {
  if (!builtInOracleEnabled()) return Response.json({ error: "The built-in Oracle simulator is off" }, { status: 404 });
  const { path } = await params;
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => (headers[name] = value));
  const reply = builtInOracle().backend.handle(
    {
      method: request.method,
      url: `/${path.map(encodeURIComponent).join("/")}${url.search}`,
      headers,
      body: await request.text(),
    },
    `${url.origin}${ORACLE_MOUNT_PATH}`,
  );
  return new Response(reply.body === "" ? null : reply.body, { status: reply.status, headers: reply.headers });
}

type Context = { params: Promise<{ path: string[] }> };

export const GET = (request: Request, context: Context) => handle(request, context.params);
export const POST = (request: Request, context: Context) => handle(request, context.params);
export const PATCH = (request: Request, context: Context) => handle(request, context.params);
export const DELETE = (request: Request, context: Context) => handle(request, context.params);
