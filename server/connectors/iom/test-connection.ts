// Test connection proves both ways the account names the shop: Order 2.0's order-states for the shop ID (one order
// at most) and RMA's return reasons for the shop name. Both are reads every ShopServiceClient user may make.
import { RemoteError } from "@/lib/errors";
import { iomAccount, iomAccounts } from "./auth";
import { ORDER_MEDIA_TYPE, RETURN_REQUEST_MEDIA_TYPE, sendToIom, orderServicePath, rmaPath } from "./client";
import { iomResponseError } from "./errors";

const TEST_TIMEOUT_MS = 15_000;

export const testIomConnection = iomAccounts.testConnection(async ({ account: saved, signal }) => {
  const account = iomAccount(saved);
  const host = new URL(account.baseUrl).host;
  const byId = await sendToIom(account, {
    method: "GET",
    path: orderServicePath(account, "/order-states"),
    query: { limit: 1 },
    mediaType: ORDER_MEDIA_TYPE,
    what: "the order states",
    signal,
    timeoutMs: TEST_TIMEOUT_MS,
  });
  if (byId.status === 403) {
    throw new RemoteError(
      "REMOTE",
      `IOM (${host}) refused shop ID ${account.shopId}: no such shop, or the user may not read its order states ` +
        "(role ShopServiceClient)",
      { status: 403, retryable: false },
    );
  }
  const idError = iomResponseError(byId, "the order states", host);
  if (idError) throw idError;
  const byName = await sendToIom(account, {
    method: "GET",
    path: rmaPath(account, "/return-reasons"),
    mediaType: RETURN_REQUEST_MEDIA_TYPE,
    what: "the return reasons",
    signal,
    timeoutMs: TEST_TIMEOUT_MS,
  });
  if (byName.status === 404) {
    throw new RemoteError(
      "REMOTE",
      `IOM (${host}) knows shop ID ${account.shopId} but no shop named "${account.shopName}": check the shop name ` +
        "(RMA addresses shops by name, e.g. inTRONICS)",
      { status: 404, retryable: false },
    );
  }
  const nameError = iomResponseError(byName, "the return reasons", host);
  if (nameError) throw nameError;
});
