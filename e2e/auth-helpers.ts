// Signing in without the browser: the suite's global setup (the owner every spec runs as) and specs that start
// their own server on a fresh data folder.
import net from "node:net";
import type { APIRequestContext } from "@playwright/test";

export interface Person {
  name: string;
  email: string;
  password: string;
}

export const OWNER: Person = { name: "Olivia Owner", email: "owner@conflux.test", password: "owner-password-1" };

/** Sets up `person` as owner when the server is fresh (a CONFLICT otherwise is fine), then signs them in. */
export async function setUpAndSignIn(request: APIRequestContext, baseURL: string, person: Person = OWNER) {
  const setup = await request.post(`${baseURL}/api/trpc/auth.setup`, { data: { json: person } });
  if (!setup.ok() && setup.status() !== 409) throw new Error(`Set-up failed: ${setup.status()} ${await setup.text()}`);
  await signIn(request, baseURL, person);
}

export async function signIn(request: APIRequestContext, baseURL: string, person: Person) {
  const response = await request.post(`${baseURL}/api/auth/sign-in/email`, {
    data: { email: person.email, password: person.password },
    headers: { origin: baseURL },
  });
  if (!response.ok()) throw new Error(`Sign-in failed: ${response.status()} ${await response.text()}`);
}

/** A port nobody listens on now, for a spec's own server (a fixed offset from the suite's port can be someone else's). */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === "string") throw new Error("no port");
  return address.port;
}
