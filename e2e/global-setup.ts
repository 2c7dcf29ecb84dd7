// Sets up the owner on the suite's fresh server once and signs in; every spec's page and request start from this
// signed-in state (playwright.config.ts: use.storageState).
import { request, type FullConfig } from "@playwright/test";
import { setUpAndSignIn } from "./auth-helpers";

export default async function globalSetup(config: FullConfig) {
  const baseURL = config.projects[0]?.use.baseURL;
  const statePath = process.env.CONFLUX_E2E_STORAGE_STATE;
  if (!baseURL || !statePath) throw new Error("playwright.config.ts sets baseURL and CONFLUX_E2E_STORAGE_STATE");
  const context = await request.newContext({ baseURL });
  await setUpAndSignIn(context, baseURL);
  await context.storageState({ path: statePath });
  await context.dispose();
}
