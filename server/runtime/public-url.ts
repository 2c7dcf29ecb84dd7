// Where remote systems reach this server: CONFLUX_PUBLIC_URL when set (behind a proxy or tunnel), else the origin
// the request that caused the call came to. Used to hand a webhook address to a system that registers it.
export function publicOrigin(requestUrl?: string): string {
  const configured = process.env.CONFLUX_PUBLIC_URL?.trim();
  if (configured) return new URL(configured).href.replace(/\/+$/, "");
  if (requestUrl) return new URL(requestUrl).origin;
  return `http://localhost:${process.env.PORT ?? "3000"}`;
}
