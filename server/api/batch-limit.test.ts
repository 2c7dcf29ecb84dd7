// tRPC batches are capped: 500 procedures in one request (each a query) are refused with 400 before any runs, by
// the route itself (the check comes before a context, so no database is needed to see it).
import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/trpc/[trpc]/route";

const handler = (request: Request) => (request.method === "GET" ? GET(request) : POST(request));

describe("tRPC batch size", () => {
  it("refuses a batch larger than the limit with 400, for queries and mutations", async () => {
    const paths = Array.from({ length: 500 }, () => "connectors.manifest").join(",");
    const input = encodeURIComponent(
      JSON.stringify(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [i, {}]))),
    );
    const query = await handler(new Request(`http://localhost/api/trpc/${paths}?batch=1&input=${input}`));
    expect(query.status).toBe(400);
    expect(await query.text()).toContain("Batch call exceeds maximum size");
    const mutations = Array.from({ length: 500 }, () => "flows.create").join(",");
    const posted = await handler(
      new Request(`http://localhost/api/trpc/${mutations}?batch=1`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(Object.fromEntries(Array.from({ length: 500 }, (_, i) => [i, { json: { name: "x" } }]))),
      }),
    );
    expect(posted.status).toBe(400);
  });
});
