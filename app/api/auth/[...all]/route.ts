// better-auth's endpoints: sign-in, sign-out, session, password reset, OIDC callback (sign-up is closed).
import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/server/auth/auth";
import { requestOnItsHost } from "@/server/auth/request-host";

export const dynamic = "force-dynamic";

async function handler(request: Request) {
  return getAuth().handler(await requestOnItsHost(request));
}

export const { GET, POST } = toNextJsHandler(handler);
