// Next.js hands route handlers a request.url on "localhost" whatever host the browser used. better-auth builds the
// company sign-in's redirect URI from it (when CONFLUX_PUBLIC_URL is unset), so the issuer would send the browser
// to localhost, where neither the registration nor the state cookie matches. The Host header is what the browser
// used, and the request gate (server/boot/request-gate.ts) has already refused any host that is not this server's.
export async function requestOnItsHost(request: Request): Promise<Request> {
  const host = request.headers.get("host");
  const url = new URL(request.url);
  if (!host || url.host === host) return request;
  url.host = host;
  const hasBody = request.method !== "GET" && request.method !== "HEAD";
  return new Request(url, {
    method: request.method,
    headers: request.headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
    signal: request.signal,
  });
}
