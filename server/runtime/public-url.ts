// Where remote systems reach this server: CONFLUX_PUBLIC_URL when set (behind a proxy or tunnel), else the host the
// request that caused the call was sent to (its Host header: Next.js may rewrite the request's own URL to
// localhost). Used to hand a webhook address to a system that registers it.
import { getConfig } from "../boot/config";

export function publicOrigin(requestUrl?: string, hostHeader?: string | null): string {
  const config = getConfig();
  // Checked and without a trailing slash (config.ts), so a bad value stops the start instead of every Start.
  if (config.CONFLUX_PUBLIC_URL) return config.CONFLUX_PUBLIC_URL;
  if (requestUrl) {
    const url = new URL(requestUrl);
    return hostHeader ? new URL(`${url.protocol}//${hostHeader}`).origin : url.origin;
  }
  return `http://localhost:${config.PORT}`;
}
