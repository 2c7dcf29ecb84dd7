// The request gate: DNS rebinding (a foreign Host), cross-site mutations and cross-site API calls are refused before
// the app sees them; webhooks answer under any host; every answer carries the hardening headers, pages a CSP with a
// fresh nonce and no inline scripts, webhook answers a CSP sandbox.
import http from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { applySecurityHeaders, gateRequest, type GateOptions } from "./request-gate";

const options: GateOptions = { port: 3000, host: "127.0.0.1", allowedHosts: ["conflux.corp.example"] };

function request(method: string, url: string, headers: Record<string, string>): http.IncomingMessage {
  const incoming = new http.IncomingMessage(new Socket());
  incoming.method = method;
  incoming.url = url;
  incoming.headers = headers;
  return incoming;
}

describe("the request gate", () => {
  it("refuses a host name that is not this server's (DNS rebinding), except on webhook routes", () => {
    const rebound = gateRequest(request("GET", "/api/trpc/accounts.list", { host: "evil.example:3000" }), options);
    expect(rebound).toMatchObject({ status: 421 });
    expect(rebound?.message).toContain('"evil.example:3000"');
    expect(gateRequest(request("GET", "/", {}), options)?.status).toBe(421);
    for (const host of ["127.0.0.1:3000", "localhost:3000", "[::1]:3000", "conflux.corp.example"]) {
      expect(gateRequest(request("GET", "/flows", { host }), options), host).toBeNull();
    }
    expect(gateRequest(request("POST", "/api/hooks/abc", { host: "hooks.partner.example" }), options)).toBeNull();
  });

  it("refuses a mutation from another origin, and lets this origin's and non-browser ones through", () => {
    const post = (origin?: string) =>
      gateRequest(
        request("POST", "/api/trpc/flows.start", { host: "127.0.0.1:3000", ...(origin ? { origin } : {}) }),
        options,
      );
    expect(post("http://evil.example")).toMatchObject({ status: 403 });
    expect(post("http://127.0.0.1:3001")).toMatchObject({ status: 403 });
    expect(post("null")).toMatchObject({ status: 403 });
    expect(post("http://127.0.0.1:3000")).toBeNull();
    expect(post(undefined)).toBeNull();
  });

  it("keeps the API, connectors.fieldOptions among it, from being called by another site's page", () => {
    const get = (site: string) =>
      gateRequest(
        request("GET", "/api/trpc/connectors.fieldOptions?input=%7B%7D", {
          host: "127.0.0.1:3000",
          "sec-fetch-site": site,
        }),
        options,
      );
    expect(get("cross-site")).toMatchObject({ status: 403 });
    expect(get("same-site")).toMatchObject({ status: 403 });
    expect(get("same-origin")).toBeNull();
    expect(get("none")).toBeNull();
  });

  it("sets hardening headers, a nonce CSP on pages and a sandbox on webhook answers", () => {
    const page = request("GET", "/flows", { host: "127.0.0.1:3000" });
    const response = new http.ServerResponse(page);
    applySecurityHeaders(page, response);
    const policy = String(response.getHeader("content-security-policy"));
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic'/);
    expect(policy).not.toContain("'unsafe-inline' 'nonce");
    expect(policy).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(page.headers["content-security-policy"]).toBe(policy);
    expect(response.getHeader("x-content-type-options")).toBe("nosniff");
    expect(response.getHeader("referrer-policy")).toBe("no-referrer");

    const other = request("GET", "/flows", { host: "127.0.0.1:3000" });
    const second = new http.ServerResponse(other);
    applySecurityHeaders(other, second);
    expect(second.getHeader("content-security-policy")).not.toBe(policy);

    const hook = request("POST", "/api/hooks/abc", { host: "127.0.0.1:3000" });
    const answer = new http.ServerResponse(hook);
    applySecurityHeaders(hook, answer);
    expect(answer.getHeader("content-security-policy")).toMatch(/^sandbox; default-src 'none'/);
  });
});
