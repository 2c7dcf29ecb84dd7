// A standalone worker (`npm run worker`) serves no HTTP, yet the outbound guard lets steps call the built-in
// simulators only on the web app's own port and loopback address (PORT, HOST). The worker learns them from its own
// PORT when set, else from CONFLUX_PUBLIC_URL when that is a loopback http address (the web app on this machine);
// otherwise it cannot know, and says so instead of silently allowing port 3000.
const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

export type WorkerAppAddress =
  | { source: "PORT"; port: number }
  | { source: "CONFLUX_PUBLIC_URL"; port: number; host: string }
  | { source: "unknown"; warning: string };

export function workerAppAddress(env: Record<string, string | undefined>): WorkerAppAddress {
  if (env.PORT?.trim()) return { source: "PORT", port: Number(env.PORT) };
  const publicUrl = env.CONFLUX_PUBLIC_URL?.trim();
  if (publicUrl) {
    const url = URL.canParse(publicUrl) ? new URL(publicUrl) : undefined;
    if (url?.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname.toLowerCase())) {
      const host = url.hostname.replace(/^\[|\]$/g, "");
      return {
        source: "CONFLUX_PUBLIC_URL",
        port: Number(url.port || 80),
        host: host === "localhost" ? "127.0.0.1" : host,
      };
    }
  }
  return {
    source: "unknown",
    warning:
      "the built-in simulators are on, but this worker does not know the web app's port: set PORT (and HOST) to " +
      "the web app's, or CONFLUX_PUBLIC_URL to its loopback address, or steps calling the simulators are refused",
  };
}
