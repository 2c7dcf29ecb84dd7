// Signing in without the browser: the suite's global setup (the owner every spec runs as) and specs that start
// their own server on a fresh data folder.
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
