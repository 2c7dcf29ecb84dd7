// The outbound guard's matrix: addresses in every spelling, names that resolve to refused addresses, redirects and
// DNS answers that change between lookups are all refused by default, with the target server never reached; the
// allow-list (and only it) lets them through, and the app's own simulator routes stay reachable.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfluxError } from "@/lib/errors";
import { readConfig, useDatabaseUrl } from "../boot/config";
import { httpRequest } from "../connectors/sdk/http";
import { simulatorFetch } from "../connectors/sdk/simulator-callback";
import { addressRefusal, parseAllowList } from "./outbound-address";
import { ownSimulatorEntries, withOutboundPolicy, type OutboundPolicy, type Resolver } from "./outbound-guard";

let hits = 0;
let port = 0;
let redirector = "";
const servers: http.Server[] = [];

async function listen(handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

beforeAll(async () => {
  // The target every refused request aims at: a loopback service that must never see a request.
  port = await listen((_request, response) => {
    hits += 1;
    response.end("reached");
  });
  // A server the tests allow-list, which redirects wherever its query says.
  const redirectPort = await listen((request, response) => {
    const to = new URL(request.url ?? "/", "http://x").searchParams.get("to") ?? "/";
    response.writeHead(302, { location: to }).end();
  });
  redirector = `http://127.0.0.1:${redirectPort}`;
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
});

const tally = { tried: 0, refused: 0, leaked: 0 };

function get(url: string, timeoutMs = 3000) {
  return httpRequest({ method: "GET", url, timeoutMs, signal: new AbortController().signal });
}

/** Asks for `url` (optionally under `policy`) and expects the guard's refusal with the target never reached. */
async function expectRefused(url: string, policy?: OutboundPolicy): Promise<void> {
  const before = hits;
  tally.tried += 1;
  const attempt = policy ? withOutboundPolicy(policy, () => get(url)) : get(url);
  const error = await attempt.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (hits !== before) tally.leaked += 1;
  expect(error, url).toBeInstanceOf(ConfluxError);
  expect((error as ConfluxError).code, `${url}: ${String(error)}`).toBe("OUTBOUND_REFUSED");
  expect((error as ConfluxError).retryable).toBe(false);
  expect(hits, `${url} reached the server`).toBe(before);
  tally.refused += 1;
}

function allow(...entries: string[]): OutboundPolicy {
  return { allow: parseAllowList(entries).entries };
}

function resolverFor(answers: Record<string, string[] | (() => string[])>): Resolver {
  return async (hostname) => {
    const answer = answers[hostname];
    if (!answer) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: "ENOTFOUND" });
    return (typeof answer === "function" ? answer() : answer).map((address) => ({
      address,
      family: address.includes(":") ? 6 : 4,
    }));
  };
}

describe("the outbound guard", () => {
  it("refuses loopback in every spelling", async () => {
    const spellings = [
      "127.0.0.1",
      "localhost",
      "127.1",
      "127.0.0.2",
      "2130706433",
      "0x7f000001",
      "0x7f.0.0.1",
      "0177.0.0.1",
      "017700000001",
      "0.0.0.0",
      "0",
      "[::1]",
      "[::]",
      "[::ffff:127.0.0.1]",
      "[::ffff:7f00:1]",
      "[0:0:0:0:0:ffff:7f00:1]",
      "[::127.0.0.1]",
      "[64:ff9b::127.0.0.1]",
      "[2002:7f00:1::1]",
    ];
    for (const host of spellings) await expectRefused(`http://${host}:${port}/`);
  });

  it("refuses private, link-local, metadata, multicast and reserved addresses", async () => {
    const targets = [
      "http://10.0.0.1/",
      "http://172.16.5.4/",
      "http://192.168.1.1/",
      "http://100.100.100.200/latest/meta-data/",
      "http://169.254.169.254/latest/meta-data/",
      "http://[fd00:ec2::254]/latest/meta-data/",
      "http://[::ffff:169.254.169.254]/",
      "http://[fe80::1]/",
      "http://[fc00::1]/",
      "http://224.0.0.1/",
      "http://[ff02::1]/",
      "http://255.255.255.255/",
      "http://192.0.2.1/",
      "https://10.1.2.3:8443/",
    ];
    for (const url of targets) await expectRefused(url);
  });

  it("refuses names whose answers include a refused address, on the address the socket would connect to", async () => {
    const resolve = resolverFor({
      "intranet.example": ["10.20.30.40"],
      "metadata.example": ["169.254.169.254"],
      "loop.example": ["127.0.0.1"],
      // A public answer beside a loopback one: falling back from one to the other must not reach loopback.
      "mixed.example": ["93.184.215.14", "127.0.0.1"],
      "mapped.example": ["::ffff:127.0.0.1"],
    });
    for (const host of ["intranet.example", "metadata.example", "loop.example", "mixed.example", "mapped.example"]) {
      await expectRefused(`http://${host}:${port}/`, { allow: [], resolve });
    }
  });

  it("refuses a name whose DNS answer changes to loopback after a first, public answer (rebinding)", async () => {
    let calls = 0;
    const resolve = resolverFor({ "rebind.example": () => (++calls === 1 ? ["93.184.215.14"] : ["127.0.0.1"]) });
    const policy: OutboundPolicy = { allow: [], resolve };
    // The first answer is public: whatever happens to that connection (no internet here), it is not the target.
    const before = hits;
    await withOutboundPolicy(policy, () => get(`http://rebind.example:${port}/`, 1500)).catch(() => undefined);
    expect(hits).toBe(before);
    // Every later lookup answers loopback; each is the lookup the socket connects with, so each is refused.
    await expectRefused(`http://rebind.example:${port}/`, policy);
    await expectRefused(`http://rebind.example:${port}/again`, policy);
    expect(calls).toBe(3);
  });

  it("checks every redirect", async () => {
    const policy = allow(`127.0.0.1:${new URL(redirector).port}`);
    const targets = [
      `http://127.0.0.1:${port}/`,
      `http://localhost:${port}/`,
      `http://0x7f000001:${port}/`,
      `http://[::ffff:127.0.0.1]:${port}/`,
      "http://169.254.169.254/latest/meta-data/iam/",
      "http://10.0.0.1/",
    ];
    for (const to of targets) {
      await expectRefused(`${redirector}/?to=${encodeURIComponent(to)}`, policy);
      // A chain of two hops through the allowed server ends at the refused one as well.
      const inner = `${redirector}/?to=${encodeURIComponent(to)}`;
      await expectRefused(`${redirector}/?to=${encodeURIComponent(inner)}`, policy);
    }
  });

  it("lets the allow-list through, and only for what it names", async () => {
    const reached = async (url: string, policy: OutboundPolicy) => {
      const response = await withOutboundPolicy(policy, () => get(url));
      expect(response.body).toBe("reached");
    };
    await reached(`http://127.0.0.1:${port}/`, allow(`127.0.0.1:${port}`));
    await reached(`http://127.0.0.1:${port}/`, allow("127.0.0.0/8"));
    await reached(`http://[::ffff:127.0.0.1]:${port}/`, allow("127.0.0.0/8"));
    const resolve = resolverFor({ "sterling.corp.example": ["127.0.0.1"], "a.corp.example": ["127.0.0.1"] });
    await reached(`http://sterling.corp.example:${port}/`, { ...allow("sterling.corp.example"), resolve });
    await reached(`http://a.corp.example:${port}/`, { ...allow("*.corp.example"), resolve });
    // Another port than the listed one, another host, another range: refused.
    await expectRefused(`http://127.0.0.1:${port}/`, allow(`127.0.0.1:${port + 1}`));
    await expectRefused(`http://127.0.0.1:${port}/`, allow("10.0.0.0/8"));
    await expectRefused(`http://a.corp.example:${port}/`, { ...allow("sterling.corp.example"), resolve });
    // A redirect from an allowed host to a refused one is still refused.
    await expectRefused(
      `${redirector}/?to=${encodeURIComponent("http://169.254.169.254/")}`,
      allow(`127.0.0.1:${new URL(redirector).port}`, "sterling.corp.example"),
    );
  });

  it("reaches the app's own simulator routes on the app's own port, and nothing else there", async () => {
    process.env.PORT = String(port);
    process.env.CONFLUX_STERLING_SIMULATOR = "true";
    useDatabaseUrl(process.env.DATABASE_URL ?? "postgres://unused/none");
    try {
      const response = await get(`http://127.0.0.1:${port}/api/simulators/sterling/smcfs/restapi/invoke/x`);
      expect(response.body).toBe("reached");
      hits -= 1;
      await expectRefused(`http://127.0.0.1:${port}/api/trpc/accounts.list`);
      await expectRefused(`http://127.0.0.1:${port}/api/simulators/../hooks/x`);
      await expectRefused(`http://127.0.0.1:${port}/api/simulators%2f..%2fhooks/x`);
    } finally {
      delete process.env.PORT;
      delete process.env.CONFLUX_STERLING_SIMULATOR;
      useDatabaseUrl(process.env.DATABASE_URL ?? "postgres://unused/none");
    }
    const off = readConfig({ PORT: String(port), CONFLUX_STERLING_SIMULATOR: "false" });
    expect(ownSimulatorEntries(new URL(`http://127.0.0.1:${port}/api/simulators/iom/x`), off)).toEqual([]);
  });

  it("guards simulators' callbacks to a registered address: only public ones and the app's own webhooks", async () => {
    const callBack = async (url: string) => {
      const before = hits;
      tally.tried += 1;
      const error = await simulatorFetch(url, { method: "POST", body: "{}" }).then(
        () => undefined,
        (caught: unknown) => caught,
      );
      if (hits !== before) tally.leaked += 1;
      expect((error as ConfluxError | undefined)?.code, url).toBe("OUTBOUND_REFUSED");
      tally.refused += 1;
    };
    await callBack(`http://127.0.0.1:${port}/api/hooks/abc`);
    await callBack("http://169.254.169.254/latest/meta-data/");
    await callBack(`http://[::ffff:127.0.0.1]:${port}/`);
    process.env.PORT = String(port);
    process.env.CONFLUX_STERLING_SIMULATOR = "true";
    useDatabaseUrl(process.env.DATABASE_URL ?? "postgres://unused/none");
    try {
      expect((await simulatorFetch(`http://127.0.0.1:${port}/api/hooks/abc`, { method: "POST" })).status).toBe(200);
      hits -= 1;
      await callBack(`http://127.0.0.1:${port}/api/trpc/flows.start`);
    } finally {
      delete process.env.PORT;
      delete process.env.CONFLUX_STERLING_SIMULATOR;
      useDatabaseUrl(process.env.DATABASE_URL ?? "postgres://unused/none");
    }
  });

  it("reports the figures of the matrix", () => {
    console.log(`outbound guard matrix: ${JSON.stringify(tally)}`);
    expect(tally.leaked).toBe(0);
    expect(tally.refused).toBe(tally.tried);
  });
});

describe("address classification", () => {
  it("passes public unicast addresses only", () => {
    for (const address of ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]) {
      expect(addressRefusal(address), address).toBeNull();
    }
    for (const address of ["127.0.0.1", "10.0.0.1", "169.254.169.254", "::1", "fe80::1", "fd00::1", "2001::1"]) {
      expect(addressRefusal(address), address).not.toBeNull();
    }
  });

  it("names each bad allow-list entry", () => {
    const { entries, problems } = parseAllowList([
      "10.0.0.0/8",
      "[fd00::1]:8443",
      "*.corp.local",
      "10.0.0.0/99",
      "a b",
    ]);
    expect(entries.map((entry) => entry.text)).toEqual(["10.0.0.0/8", "[fd00::1]:8443", "*.corp.local"]);
    expect(problems).toHaveLength(2);
  });
});
