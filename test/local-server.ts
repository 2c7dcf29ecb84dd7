// Local servers for tests: simulated remote systems listen on loopback at a free port.
import type net from "node:net";
import { createServer } from "node:net";
import { allowOutboundToServer } from "@/server/security/outbound-guard";

/**
 * Starts `server` on 127.0.0.1 at a free port and returns its base URL (http://127.0.0.1:<port>). The outbound guard
 * refuses loopback, so the server's exact host:port joins this process's allow-list (the tests' opt-in).
 */
export async function listenOnLoopback(server: net.Server, scheme: "http" | "https" = "http"): Promise<string> {
  const url = await listenUnlisted(server, scheme);
  allowOutboundToServer(url);
  return url;
}

/** As listenOnLoopback, without allowing outbound requests to it: a target the guard must refuse. */
export async function listenUnlisted(server: net.Server, scheme: "http" | "https" = "http"): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the test server has no TCP port");
  return `${scheme}://127.0.0.1:${address.port}`;
}

/**
 * A loopback port that was free a moment ago and is closed now: connecting to it is refused at once. It is on the
 * outbound allow-list, so the request gets as far as the refused connection.
 */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  const url = await listenOnLoopback(probe);
  await new Promise((resolve) => probe.close(resolve));
  return Number(new URL(url).port);
}
