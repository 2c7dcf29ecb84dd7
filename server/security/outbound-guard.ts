// The outbound guard: every connection a flow step, a Test connection, a trigger's poll or a field's list of
// choices opens goes through `guardedLookup`, which resolves the name and checks every address the socket may
// connect to, in the lookup the socket itself uses (so a DNS answer that changes between a check and the connect
// cannot slip through). IP literals never reach a lookup, so `checkLiteral` checks them before the request. Each
// redirect is a new request and is checked again. What passes: public unicast addresses, the workspace's and the
// server's allow-list, and the app's own built-in simulators (exactly their routes on the app's own port).
import { AsyncLocalStorage } from "node:async_hooks";
import dns from "node:dns";
import type { LookupFunction } from "node:net";
import { getConfig, type Config } from "../boot/config";
import { ConfluxError } from "@/lib/errors";
import {
  addressAllowed,
  addressRefusal,
  hostAllowed,
  isIpLiteral,
  parseAllowEntry,
  parseAllowList,
  type AllowEntry,
} from "./outbound-address";

export interface ResolvedAddress {
  address: string;
  family: number;
}

export type Resolver = (hostname: string, family: number) => Promise<ResolvedAddress[]>;

export interface OutboundPolicy {
  /** The workspace's allow-list; the server's (CONFLUX_OUTBOUND_ALLOW) always applies besides it. */
  allow: readonly AllowEntry[];
  /** Name resolution; the system resolver unless a test hands one that changes its answers. */
  resolve?: Resolver;
  /** Says which allow-list to edit in the refusal message. */
  workspaceId?: string;
  /** Routes on the app's own port that may be called (default: the built-in simulators'). */
  ownRoutes?: readonly string[];
}

/** A request refused by the guard: never retried, since the address will not become allowed by waiting. */
export class OutboundRefusedError extends ConfluxError {
  constructor(host: string, address: string, reason: string) {
    const target = host === address ? address : `${host} (${address})`;
    super(
      "OUTBOUND_REFUSED",
      `Conflux refused to connect to ${target}: it is ${reason}. Requests to loopback, private, link-local and ` +
        `metadata addresses are blocked; if this is an on-premises system, add it to the outbound allow-list in ` +
        `Settings.`,
      { retryable: false, details: { host, address } },
    );
  }
}

const storage = new AsyncLocalStorage<OutboundPolicy>();

/** Runs `work` with `policy` applying to every outbound request it makes. */
export function withOutboundPolicy<T>(policy: OutboundPolicy, work: () => Promise<T>): Promise<T> {
  return storage.run(policy, work);
}

const registered: AllowEntry[] = [];

/**
 * Adds an entry to the allow-list of this process and of the processes it starts later (through
 * CONFLUX_OUTBOUND_ALLOW in their environment): for tests and their simulators, whose remote systems listen on
 * loopback; each allows its own host:port, nothing wider.
 */
export function allowOutboundInThisProcess(entry: string): void {
  const parsed = parseAllowEntry(entry);
  if (typeof parsed === "string") throw new Error(`Outbound allow-list entry "${entry}" ${parsed}`);
  registered.push(parsed);
  const inherited = process.env.CONFLUX_OUTBOUND_ALLOW;
  process.env.CONFLUX_OUTBOUND_ALLOW = inherited ? `${inherited},${parsed.text}` : parsed.text;
}

/** Allows exactly the host and port of `url`, e.g. a test's simulated remote system on loopback. */
export function allowOutboundToServer(url: string): void {
  const { host } = new URL(url);
  allowOutboundInThisProcess(host.includes(":") ? host : `${host}:${new URL(url).protocol === "https:" ? 443 : 80}`);
}

function serverAllowList(config: Config): AllowEntry[] {
  return [...parseAllowList(config.CONFLUX_OUTBOUND_ALLOW).entries, ...registered];
}

/** The policy in force: the caller's workspace's, or the server's alone outside any workspace. */
export function currentOutboundPolicy(): OutboundPolicy {
  return storage.getStore() ?? { allow: [] };
}

export const SIMULATOR_ROUTES = "/api/simulators/";
/** The app's own webhook routes, which a built-in simulator calls back as the real system would. */
export const WEBHOOK_ROUTES = "/api/hooks/";
const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Loopback entries for a request to the app's own built-in simulators (their routes only, on the app's own port,
 * when the simulators are on); none for anything else, so the rest of the app and other local ports stay closed.
 */
export function ownSimulatorEntries(
  url: URL,
  config: Config = getConfig(),
  routes: readonly string[] = [SIMULATOR_ROUTES],
): AllowEntry[] {
  if (!config.sterlingSimulator || url.protocol !== "http:") return [];
  if (Number(url.port || 80) !== config.PORT || !routes.some((route) => url.pathname.startsWith(route))) return [];
  const host = url.hostname.toLowerCase();
  if (!LOOPBACK_NAMES.has(host) && host !== config.HOST.toLowerCase()) return [];
  const entries = ["127.0.0.0/8", "::1", ...(isIpLiteral(config.HOST) ? [config.HOST] : [])];
  return entries.map((entry) => {
    const parsed = parseAllowEntry(entry.includes(":") && !entry.includes("/") ? `[${entry}]` : entry);
    if (typeof parsed === "string") throw new Error(parsed);
    return { ...parsed, port: config.PORT };
  });
}

export interface GuardTarget {
  /** The URL's host name as written (lower case, without brackets for IPv6). */
  host: string;
  port: number;
  entries: readonly AllowEntry[];
}

/** The target of one request under the policy in force, with every entry that applies to it. */
export function guardTarget(url: URL, policy: OutboundPolicy = currentOutboundPolicy()): GuardTarget {
  const config = getConfig();
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  return {
    host: url.hostname.replace(/^\[|\]$/g, "").toLowerCase(),
    port,
    entries: [...policy.allow, ...serverAllowList(config), ...ownSimulatorEntries(url, config, policy.ownRoutes)],
  };
}

/** Throws OutboundRefusedError unless `address` may be connected to for `target`. */
export function checkAddress(target: GuardTarget, address: string): void {
  if (hostAllowed(target.entries, target.host, target.port)) return;
  if (addressAllowed(target.entries, address, target.port)) return;
  const reason = addressRefusal(address);
  if (reason !== null) throw new OutboundRefusedError(target.host, address, reason);
}

/** An IP literal in the URL is connected to without any lookup, so it is checked here, before the request. */
export function checkLiteral(target: GuardTarget): void {
  if (isIpLiteral(target.host)) checkAddress(target, target.host);
}

const systemResolve: Resolver = async (hostname, family) => {
  const answers = await dns.promises.lookup(hostname, { all: true, family, verbatim: true });
  return answers.map((answer) => ({ address: answer.address, family: answer.family }));
};

/**
 * The lookup the socket connects with: one resolution, every answer checked (a name that also points at a refused
 * address is refused as a whole, so falling back to another answer cannot reach it).
 */
export function guardedLookup(target: GuardTarget, policy: OutboundPolicy = currentOutboundPolicy()): LookupFunction {
  const resolve = policy.resolve ?? systemResolve;
  return (hostname, options, callback) => {
    resolve(hostname, options.family === "IPv4" ? 4 : options.family === "IPv6" ? 6 : (options.family ?? 0)).then(
      (addresses) => {
        try {
          if (addresses.length === 0) throw new ConfluxError("NETWORK", `${hostname} has no address`);
          for (const answer of addresses) checkAddress(target, answer.address);
        } catch (error) {
          callback(error instanceof ConfluxError ? error : new Error(String(error)), "");
          return;
        }
        const [first] = addresses;
        if (options.all) callback(null, addresses);
        else if (first) callback(null, first.address, first.family);
      },
      (error: NodeJS.ErrnoException) => callback(error, ""),
    );
  };
}
