// Pages need a signed-in person: without a session cookie a page request goes to sign-in (an optimistic check; the
// API checks the session itself on every call). The sign-in pages, the API and Next.js's own files pass.
import { getSessionCookie } from "better-auth/cookies";
import { NextResponse, type NextRequest } from "next/server";

const OPEN_PAGES = ["/sign-in", "/setup", "/invite/", "/reset-password"];

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (OPEN_PAGES.some((page) => pathname === page || (page.endsWith("/") && pathname.startsWith(page)))) return;
  if (getSessionCookie(request, { cookiePrefix: "conflux" })) return;
  // On the Host the browser used (checked by the request gate): request.url may name localhost instead, and cookies
  // are per host.
  const next = pathname === "/" ? "" : `?next=${encodeURIComponent(pathname + search)}`;
  const host = request.headers.get("host") ?? request.nextUrl.host;
  return NextResponse.redirect(new URL(`/sign-in${next}`, `${request.nextUrl.protocol}//${host}`), 307);
}

export const config = {
  matcher: ["/((?!api/|_next/|favicon.ico).*)"],
};
