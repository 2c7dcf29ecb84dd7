// The NewStore actions against the simulated tenant: the token is fetched once and renewed when NewStore refuses
// it, config reads and writes round-trip, and NewStore's refusals read as sentences.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfluxError } from "@/lib/errors";
import { newstoreAccount, runNewStoreAction, startSampleNewStore } from "@/test/connectors/newstore";
import type { NewStoreSimulator } from "../simulator";
import { deleteAvailabilityWebhookAction } from "./delete-availability-webhook";
import { getAvailabilityWebhookAction } from "./get-availability-webhook";
import { getExternalAtpAction } from "./get-external-atp";
import { getExternalOmsConfigAction } from "./get-external-oms-config";
import { setExternalAtpAction } from "./set-external-atp";
import { setExternalOmsAction } from "./set-external-oms";
import { updateAvailabilityWebhookAction } from "./update-availability-webhook";
import { testNewStoreConnection } from "../test-connection";

let newstore: NewStoreSimulator;
beforeAll(async () => {
  newstore = await startSampleNewStore();
});
afterAll(() => newstore.close());

const tokenCalls = () => newstore.calls.filter((call) => call.includes("/openid-connect/token")).length;

async function refusal(promise: Promise<unknown>): Promise<ConfluxError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof ConfluxError)) throw new Error(`expected a ConfluxError, got ${String(error)}`);
  return error;
}

describe("NewStore actions", () => {
  it("turns external OMS and external ATP on and off, and reads them back", async () => {
    const account = newstoreAccount(newstore);
    expect(await runNewStoreAction(getExternalOmsConfigAction, {}, account)).toMatchObject({ enabled: false });
    expect(await runNewStoreAction(setExternalOmsAction, { enabled: true }, account)).toMatchObject({ enabled: true });
    expect(newstore.state.externalOms.enabled).toBe(true);
    expect(await runNewStoreAction(setExternalAtpAction, {}, account)).toMatchObject({ enabled: true });
    expect(await runNewStoreAction(getExternalAtpAction, {}, account)).toMatchObject({ enabled: true });
    await runNewStoreAction(setExternalAtpAction, { enabled: false }, account);
    expect(newstore.state.externalAtp.value).toBe(false);
  });

  it("updates, reads (key shown by its end only) and deletes the availability webhook config", async () => {
    const account = newstoreAccount(newstore);
    const apiKey = "a-key-of-at-least-twenty-chars-1234";
    const updated = await runNewStoreAction(
      updateAvailabilityWebhookAction,
      { url: "https://oms.example.com/atp", apiKey, timeoutSeconds: 7 },
      account,
    );
    expect(updated).toEqual({
      configured: true,
      url: "https://oms.example.com/atp",
      apiKeyEnding: "1234",
      externalIdentifier: "product_id",
      timeoutSeconds: 7,
    });
    expect(newstore.state.webhook).toEqual({
      url: "https://oms.example.com/atp",
      api_key: apiKey,
      external_identifier: "product_id",
      timeout: 7,
    });
    expect(await runNewStoreAction(getAvailabilityWebhookAction, {}, account)).toMatchObject({ apiKeyEnding: "1234" });
    expect(await runNewStoreAction(deleteAvailabilityWebhookAction, {}, account)).toEqual({ deleted: true });
    expect(await runNewStoreAction(getAvailabilityWebhookAction, {}, account)).toMatchObject({ configured: false });
  });

  it("refuses a timeout outside 5-60 s and a short key before calling, and reads NewStore's own refusal", async () => {
    const account = newstoreAccount(newstore);
    expect(() =>
      updateAvailabilityWebhookAction.input.parse({
        url: "https://x.example.com",
        apiKey: "k".repeat(20),
        timeoutSeconds: 61,
      }),
    ).toThrow();
    expect(() =>
      updateAvailabilityWebhookAction.input.parse({ url: "https://x.example.com", apiKey: "short" }),
    ).toThrow();
    const error = await refusal(
      runNewStoreAction(
        updateAvailabilityWebhookAction,
        { url: "http://oms.example.com/atp", apiKey: "k".repeat(20) },
        account,
      ),
    );
    expect(error.message).toMatch(
      /^NewStore \(127\.0\.0\.1:\d+\) refused Update availability webhook config: url: url must use https \(request id [0-9a-f-]+\)$/,
    );
  });

  it("gets one token for many calls and a new one when NewStore stops accepting it", async () => {
    const account = newstoreAccount(newstore, { clientSecret: "s3cret-client" });
    await runNewStoreAction(getExternalOmsConfigAction, {}, account);
    const before = tokenCalls();
    await Promise.all([1, 2, 3].map(() => runNewStoreAction(getExternalOmsConfigAction, {}, account)));
    expect(tokenCalls()).toBe(before);
    newstore.expireTokens();
    await runNewStoreAction(getExternalOmsConfigAction, {}, account);
    expect(tokenCalls()).toBe(before + 1);
  });

  it("says which client was refused when the secret is wrong, in Test connection too", async () => {
    const account = newstoreAccount(newstore, { clientSecret: "wrong" });
    const error = await refusal(runNewStoreAction(getExternalOmsConfigAction, {}, account));
    expect(error.message).toContain('refused the API client "conflux-test"');
    const tested = await refusal(
      testNewStoreConnection({
        mode: account.mode,
        credentials: account.credentials,
        signal: new AbortController().signal,
      }),
    );
    expect(tested.message).toContain("check the client ID and secret");
  });
});
