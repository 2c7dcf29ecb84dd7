import { describe, expect, it } from "vitest";
import { requestOnItsHost } from "./request-host";

describe("requestOnItsHost", () => {
  it("puts the browser's host into the URL, keeping path, query, method, headers and body", async () => {
    const request = new Request("http://localhost:3000/api/auth/sign-in/social?x=1", {
      method: "POST",
      headers: { host: "conflux.corp.test:3000", "content-type": "application/json" },
      body: '{"provider":"oidc"}',
    });
    const moved = await requestOnItsHost(request);
    expect(moved.url).toBe("http://conflux.corp.test:3000/api/auth/sign-in/social?x=1");
    expect(moved.method).toBe("POST");
    expect(moved.headers.get("content-type")).toBe("application/json");
    expect(await moved.text()).toBe('{"provider":"oidc"}');
  });

  it("leaves a request already on its host, or without one, as it is", async () => {
    const same = new Request("http://127.0.0.1:3000/api/auth/callback/oidc", { headers: { host: "127.0.0.1:3000" } });
    expect(await requestOnItsHost(same)).toBe(same);
    const none = new Request("http://localhost/api/auth/get-session");
    expect(await requestOnItsHost(none)).toBe(none);
  });
});
