// Where remote systems reach this server: CONFLUX_PUBLIC_URL when set (behind a proxy or tunnel), else the host the
// request that caused the call was sent to (its Host header: Next.js may rewrite the request's own URL to
// localhost). Used to hand a webhook address to a system that registers it.
export function publicOrigin(requestUrl?: string, hostHeader?: string | null): string {
  const configured = process.env.CONFLUX_PUBLIC_URL?.trim();
  if (configured) return new URL(configured).href.replace(/\/+$/, "");
  if (requestUrl) {
    const url = new URL(requestUrl);
    return hostHeader ? new URL(`${url.protocol}//${hostHeader}`).origin : url.origin;
  }
  return `http://localhost:${process.env.PORT ?? "3000"}`;
}
