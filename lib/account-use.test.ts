import { describe, expect, it } from "vitest";
import { accountNeed } from "./account-use";

describe("accountNeed", () => {
  it("follows the connector when the operation declares nothing", () => {
    expect(accountNeed(true, undefined, {})).toBe("required");
    expect(accountNeed(false, undefined, {})).toBe("optional");
  });

  it("lets an operation need no account, or make it optional, whatever the connector says", () => {
    expect(accountNeed(true, "none", {})).toBe("none");
    expect(accountNeed(false, "none", {})).toBe("none");
    expect(accountNeed(true, "optional", {})).toBe("optional");
  });

  it("requires the account only while the named setting is on", () => {
    const use = { requiredWhen: "register" };
    expect(accountNeed(true, use, { register: true })).toBe("required");
    expect(accountNeed(true, use, { register: false })).toBe("optional");
    expect(accountNeed(true, use, {})).toBe("optional");
    expect(accountNeed(false, use, { register: true })).toBe("optional");
  });
});
