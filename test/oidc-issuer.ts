// A real OpenID Provider (panva's oidc-provider, certified by the OpenID Foundation) on a free loopback port, with
// one confidential client registered for Conflux's callback. Its development login page takes any login and
// password; the login typed becomes the person's subject and e-mail address. Consent is granted up front (a company's
// own issuer does that for its first-party apps), so the login page is the only stop.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";

export interface OidcIssuer {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export async function startOidcIssuer(options: { redirectUris: string[] }): Promise<OidcIssuer> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = "conflux";
  const clientSecret = "conflux-test-client-secret-0123456789";
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    pkce: { required: () => true },
    cookies: { keys: ["oidc-issuer-test-cookie-key"] },
    async findAccount(_ctx, sub) {
      const name = sub.split("@")[0] ?? sub;
      return {
        accountId: sub,
        async claims() {
          return { sub, email: sub, email_verified: true, name: name.charAt(0).toUpperCase() + name.slice(1) };
        },
      };
    },
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      const clientIdOfRequest = ctx.oidc.client?.clientId;
      if (!accountId || !clientIdOfRequest) return undefined;
      const grant = new ctx.oidc.provider.Grant({ accountId, clientId: clientIdOfRequest });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  // Its development login page warns once per process; the test means to use it.
  provider.on("server_error", (_ctx, error) => console.error("[oidc issuer]", error));
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
