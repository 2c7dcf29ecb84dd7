// better-auth's endpoints: sign-in, sign-out, session, password reset, OIDC callback (sign-up is closed).
import { toNextJsHandler } from "better-auth/next-js";
import { getAuth } from "@/server/auth/auth";

export const dynamic = "force-dynamic";

function handler(request: Request) {
  return getAuth().handler(request);
}

export const { GET, POST } = toNextJsHandler(handler);
