// What every request to the web app passes before Next.js sees it, and the headers every answer carries:
// - Host must name this server (DNS rebinding: a page on evil.example whose name now points at 127.0.0.1 sends
//   Host: evil.example), except on webhook routes, which remote systems reach under any name their proxy uses;
// - a mutation (anything but GET, HEAD, OPTIONS) from a browser must come from this server's own origin;
// - the API and the runs export are not readable or triggerable from another site (Sec-Fetch-Site), so a GET that
//   calls a remote system (connectors.fieldOptions) cannot be fired by someone else's page;
// - hardening headers on every answer, a Content-Security-Policy with a fresh nonce and no inline scripts on pages,
//   and a CSP sandbox on webhook answers, so that no Respond body runs script on the app's origin.
import crypto from "node:crypto";
import type http from "node:http";

export interface GateOptions {
  port: number;
  /** The address the server listens on (HOST). */
  host: string;
  /** CONFLUX_PUBLIC_URL, when set: its host is this server's too. */
  publicUrl?: string;
  /** CONFLUX_ALLOWED_HOSTS: more host names (or host:port) this server answers to, e.g. behind a proxy. */
  allowedHosts?: readonly string[];
}

export interface Refusal {
  status: number;
  message: string;
}

const WEBHOOK_ROUTES = "/api/hooks/";
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Host values (lower case, with port) this server answers to. */
export function ownHosts(options: GateOptions): Set<string> {
  const names = ["localhost", "127.0.0.1", "[::1]"];
  const listen = options.host.toLowerCase();
  if (listen !== "0.0.0.0" && listen !== "::") names.push(listen.includes(":") ? `[${listen}]` : listen);
  const hosts = new Set(names.map((name) => `${name}:${options.port}`));
  if (options.port === 80) for (const name of names) hosts.add(name);
  if (options.publicUrl) hosts.add(new URL(options.publicUrl).host.toLowerCase());
  for (const extra of options.allowedHosts ?? []) {
    const host = extra.trim().toLowerCase();
    if (host) hosts.add(host);
  }
  return hosts;
}

function header(request: http.IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Why the request is refused, or null when it may go on to the app. */
export function gateRequest(
  request: http.IncomingMessage,
  options: GateOptions,
  hosts = ownHosts(options),
): Refusal | null {
  const path = (request.url ?? "/").split("?")[0] ?? "/";
  if (path.startsWith(WEBHOOK_ROUTES)) return null;
  const host = header(request, "host")?.toLowerCase();
  const hostOk = host !== undefined && (hosts.has(host) || hosts.has(host.replace(/:\d+$/, "")));
  if (!hostOk) {
    return {
      status: 421,
      message: `This server does not answer to the host name "${host ?? ""}". Add it to CONFLUX_ALLOWED_HOSTS if it is yours.`,
    };
  }
  const method = (request.method ?? "GET").toUpperCase();
  const origin = header(request, "origin");
  if (!SAFE_METHODS.has(method) && origin !== undefined && origin !== "null") {
    let originHost = "";
    try {
      originHost = new URL(origin).host.toLowerCase();
    } catch {
      // Unreadable: refused below like a foreign one.
    }
    if (!hosts.has(originHost))
      return { status: 403, message: `Requests from ${origin} may not change anything here.` };
  }
  if (!SAFE_METHODS.has(method) && origin === "null") {
    return { status: 403, message: "Requests from an opaque origin may not change anything here." };
  }
  const site = header(request, "sec-fetch-site");
  if ((path.startsWith("/api/trpc") || path.startsWith("/api/runs/")) && site !== undefined) {
    if (site !== "same-origin" && site !== "none") {
      return { status: 403, message: "The API answers only this application's own pages." };
    }
  }
  return null;
}

/** A Content-Security-Policy for pages: scripts only from this origin or with this response's nonce. */
export function pagePolicy(nonce: string, development = false): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // React and the canvas library set style attributes; styles cannot run script.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** What a webhook answer may do in a browser: nothing (a Respond body is data, not a page of this app). */
export const WEBHOOK_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'";

/**
 * Sets the hardening headers on `response` and, for pages, the CSP with a fresh nonce, which is also put on the
 * request so that Next.js marks its own scripts with it.
 */
export function applySecurityHeaders(request: http.IncomingMessage, response: http.ServerResponse): void {
  const path = (request.url ?? "/").split("?")[0] ?? "/";
  response.setHeader("X-Content-Type-Options", "nosniff");
  response.setHeader("Referrer-Policy", "no-referrer");
  response.setHeader("X-Frame-Options", "DENY");
  response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
  if (path.startsWith(WEBHOOK_ROUTES)) {
    response.setHeader("Content-Security-Policy", WEBHOOK_POLICY);
    return;
  }
  const nonce = crypto.randomBytes(16).toString("base64");
  const policy = pagePolicy(nonce);
  request.headers["content-security-policy"] = policy;
  response.setHeader("Content-Security-Policy", policy);
}

export function refuse(response: http.ServerResponse, refusal: Refusal): void {
  response.writeHead(refusal.status, {
    "content-type": "text/plain; charset=utf-8",
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  });
  response.end(refusal.message);
}
