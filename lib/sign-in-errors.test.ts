import { describe, expect, it } from "vitest";
import { NO_WORKSPACE, NOT_INVITED, signInErrorMessage } from "./sign-in-errors";

describe("sign-in error messages", () => {
  it("says what to do for an uninvited address and a stale or foreign state, and nothing without a code", () => {
    expect(signInErrorMessage(undefined, "Acme SSO")).toBeNull();
    expect(signInErrorMessage(NOT_INVITED, "Acme SSO")).toMatch(/Acme SSO worked, but that address has no invite/);
    expect(signInErrorMessage("state_mismatch", "Acme SSO")).toMatch(/could not be completed in this browser/);
    expect(signInErrorMessage(NO_WORKSPACE, "Acme SSO")).toMatch(/no longer a member of any workspace/);
  });

  it("names an unknown code (cut short) without repeating any text from the link", () => {
    const message = signInErrorMessage("x".repeat(200), null) ?? "";
    expect(message).toContain("your company's sign-in");
    expect(message).toContain(`(${"x".repeat(60)})`);
    expect(message).not.toContain("x".repeat(61));
  });
});
