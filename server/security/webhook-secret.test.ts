import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import type { KeyRing } from "./credentials-cipher";
import {
  newWebhookId,
  newWebhookSecret,
  openWebhookSecret,
  sealWebhookSecret,
  WEBHOOK_ID_PATTERN,
  WebhookSecretUnreadableError,
} from "./webhook-secret";

const ring = (currentKeyId: string, ...ids: string[]): KeyRing => ({
  currentKeyId,
  keys: new Map(ids.map((id) => [id, crypto.createHash("sha256").update(id).digest()])),
});

describe("webhook ids and secrets", () => {
  it("makes base64url ids of at least 128 bits and 32-byte secrets, different every time", () => {
    const id = newWebhookId();
    expect(id).toMatch(WEBHOOK_ID_PATTERN);
    expect(Buffer.from(id, "base64url").length * 8).toBeGreaterThanOrEqual(128);
    expect(newWebhookId()).not.toBe(id);
    const secret = newWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(secret.slice("whsec_".length), "base64url")).toHaveLength(32);
    expect(newWebhookSecret()).not.toBe(secret);
  });

  it("seals a secret under the current key without the plaintext and opens it again, also after a key change", () => {
    const secret = newWebhookSecret();
    const sealed = sealWebhookSecret(ring("k1", "k1"), "flow_1", secret);
    expect(sealed).toMatch(/^w1:k1:/);
    expect(sealed).not.toContain(secret.slice(6));
    expect(openWebhookSecret(ring("k2", "k2", "k1"), "flow_1", sealed)).toBe(secret);
  });

  it("refuses a secret moved to another flow, tampered, or sealed with a key that is gone", () => {
    const sealed = sealWebhookSecret(ring("k1", "k1"), "flow_1", newWebhookSecret());
    expect(() => openWebhookSecret(ring("k1", "k1"), "flow_2", sealed)).toThrow(/integrity check failed/);
    const last = sealed.at(-2) === "A" ? "B" : "A";
    const tampered = `${sealed.slice(0, -2)}${last}${sealed.slice(-1)}`;
    expect(() => openWebhookSecret(ring("k1", "k1"), "flow_1", tampered)).toThrow(WebhookSecretUnreadableError);
    expect(() => openWebhookSecret(ring("k2", "k2"), "flow_1", sealed)).toThrow(/key k1 is not configured/);
    expect(() => openWebhookSecret(ring("k1", "k1"), "flow_1", "plain-text")).toThrow(/unknown format/);
  });
});
