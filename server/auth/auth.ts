// Sign-in (better-auth): e-mail and password, sessions in Postgres, optional company sign-in by OIDC. Nobody signs
// up on their own: the first person sets up the owner account (setup.service.ts) and everyone else is invited
// (invites.service.ts); both create the person and their password with the helpers below, so the public sign-up
// endpoint stays closed. An OIDC sign-in creates a person only when an open invite names their e-mail address.
import crypto from "node:crypto";
import { betterAuth } from "better-auth";
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { z } from "zod";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { genericOAuth } from "better-auth/plugins";
import { getConfig, type Config } from "../boot/config";
import { getDb, type Db } from "../db/client";
import { defaultKeyRing } from "../security/keyring";
import { NOT_INVITED, NO_WORKSPACE } from "@/lib/sign-in-errors";
import { CLIENT_IP_HEADER } from "./client-ip";
import { acceptOpenInvitesFor, hasOpenInvite } from "./invites.repository";
import { recordSignInEventSafely, requestClient } from "./sign-in-audit";

/** OIDC is on when these three are set (see README). */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The button's label: "Sign in with <name>". */
  name: string;
}

export function oidcSettings(config: Config = getConfig()): OidcSettings | null {
  const {
    CONFLUX_OIDC_ISSUER: issuer,
    CONFLUX_OIDC_CLIENT_ID: clientId,
    CONFLUX_OIDC_CLIENT_SECRET: clientSecret,
  } = config;
  if (!issuer || !clientId || !clientSecret) return null;
  return { issuer: issuer.replace(/\/+$/, ""), clientId, clientSecret, name: config.CONFLUX_OIDC_NAME ?? "SSO" };
}

export const OIDC_PROVIDER_ID = "oidc";

/**
 * Sessions are signed with a key derived from the credential key ring's current key, so the embedded default needs
 * no extra secret and production needs only CONFLUX_SECRET_KEY. Rotating that key signs everyone out once.
 */
function authSecret(): string {
  const ring = defaultKeyRing().get();
  const key = ring.keys.get(ring.currentKeyId);
  if (!key) throw new Error("The credential key ring has no current key.");
  return crypto.createHmac("sha256", key).update("conflux sign-in sessions").digest("base64url");
}

/** The origins a browser on this request's own host sends (Next.js may rewrite request.url's host to localhost). */
function requestOrigins(request: Request): string[] {
  const url = new URL(request.url);
  const host = request.headers.get("host");
  return host ? [url.origin, `${url.protocol}//${host}`] : [url.origin];
}

const emailBody = z.object({ email: z.string() });

/** Audit events of what better-auth's own endpoints did: a failed password sign-in, a sign-out, a reset asked for. */
function auditHooks(db: Db) {
  return {
    before: createAuthMiddleware(async (ctx) => {
      if (ctx.path !== "/sign-out") return;
      // Before: once signed out, the session that says who it was is gone.
      const session = await getSessionFromCtx(ctx);
      if (!session) return;
      await recordSignInEventSafely(db, {
        action: "auth.signOut",
        userId: session.user.id,
        email: session.user.email,
        client: requestClient(ctx.headers),
      });
    }),
    after: createAuthMiddleware(async (ctx) => {
      const body = emailBody.safeParse(ctx.body);
      if (!body.success) return;
      const failed = isAPIError(ctx.context.returned);
      const client = requestClient(ctx.headers);
      if (ctx.path === "/sign-in/email" && failed) {
        await recordSignInEventSafely(db, {
          action: "auth.signInFailed",
          email: body.data.email,
          method: "password",
          client,
        });
      } else if (ctx.path === "/request-password-reset" && !failed) {
        await recordSignInEventSafely(db, { action: "auth.passwordResetRequested", email: body.data.email, client });
      }
    }),
  };
}

function createAuth(db: Db) {
  const config = getConfig();
  const publicUrl = config.CONFLUX_PUBLIC_URL;
  const oidc = oidcSettings();
  return betterAuth({
    appName: "Conflux",
    secret: authSecret(),
    // Unset: each request's own origin (the request gate has already checked its Host against the allowed ones).
    baseURL: publicUrl,
    trustedOrigins: (request) => (request ? requestOrigins(request) : []),
    database: prismaAdapter(db, { provider: "postgresql" }),
    account: { modelName: "authAccount" },
    telemetry: { enabled: false },
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: 10,
      // No mail is configured in Conflux yet: the link goes to the server log, where the operator finds it.
      async sendResetPassword({ user, url }) {
        console.log(`[conflux] Password reset for ${user.email}: ${url} (valid for 1 hour)`);
      },
      async onPasswordReset({ user }, request) {
        await recordSignInEventSafely(db, {
          action: "auth.passwordReset",
          userId: user.id,
          email: user.email,
          client: requestClient(request?.headers),
        });
      },
    },
    // Where a failed company sign-in lands: the sign-in page says what went wrong (lib/sign-in-errors.ts).
    onAPIError: { errorURL: "/sign-in" },
    session: { expiresIn: 60 * 60 * 24 * 7, updateAge: 60 * 60 * 24 },
    advanced: {
      cookiePrefix: "conflux",
      useSecureCookies: publicUrl?.startsWith("https://") ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
    },
    hooks: auditHooks(db),
    databaseHooks: {
      session: {
        create: {
          // Someone removed from every workspace would sign in to nothing: refused, saying why (and audited).
          async before(session) {
            if ((await db.membership.count({ where: { userId: session.userId } })) > 0) return;
            throw new APIError("FORBIDDEN", {
              code: NO_WORKSPACE,
              message: "You are no longer a member of any workspace here. Ask an admin for a new invite.",
            });
          },
          // Every sign-in, by password or by the company's issuer, makes a session (and nothing else does).
          async after(session, ctx) {
            await recordSignInEventSafely(db, {
              action: "auth.signIn",
              userId: session.userId,
              email: "",
              method: ctx?.path.startsWith("/callback/") ? (oidc?.name ?? "SSO") : "password",
              client: { ip: session.ipAddress ?? null, userAgent: session.userAgent ?? null },
            });
          },
        },
      },
      user: {
        create: {
          // Only OIDC reaches here (setup and invites write the person themselves): an uninvited address is refused.
          async before(user, ctx) {
            if (await hasOpenInvite(db, user.email)) return { data: { ...user, emailVerified: true } };
            await recordSignInEventSafely(db, {
              action: "auth.signInFailed",
              email: user.email,
              method: `${oidc?.name ?? "SSO"}, not invited`,
              client: requestClient(ctx?.headers),
            });
            // The code and message reach the sign-in page (errorURL below), which says what to do.
            throw new APIError("FORBIDDEN", { code: NOT_INVITED, message: `${user.email} has no invite here.` });
          },
          async after(user) {
            await acceptOpenInvitesFor(db, user.id, user.email);
          },
        },
      },
    },
    plugins: oidc
      ? [
          genericOAuth({
            config: [
              {
                providerId: OIDC_PROVIDER_ID,
                discoveryUrl: `${oidc.issuer}/.well-known/openid-configuration`,
                clientId: oidc.clientId,
                clientSecret: oidc.clientSecret,
                scopes: ["openid", "email", "profile"],
                pkce: true,
              },
            ],
          }),
        ]
      : [],
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalKey = Symbol.for("conflux.auth");
type GlobalWithAuth = typeof globalThis & { [globalKey]?: Auth };

/** The process's sign-in service on the process's database; created on first use. */
export function getAuth(): Auth {
  const holder: GlobalWithAuth = globalThis;
  return (holder[globalKey] ??= createAuth(getDb()));
}

/** better-auth's own password hash (scrypt), so that people created here sign in through it. */
export { hashPassword } from "better-auth/crypto";
