// Which addresses an outbound request may connect to. Only public unicast addresses pass by default: loopback,
// private, carrier-grade NAT, link-local (the cloud metadata address 169.254.169.254 among them), multicast,
// broadcast, unspecified and reserved ranges are refused, in IPv4 and IPv6. IPv6 forms that carry an IPv4 address
// (mapped ::ffff:a.b.c.d, compatible ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16) are judged by that address.
// Numeric spellings (2130706433, 0x7f.1, 0177.0.0.1) never reach here unnormalised: the WHATWG URL parser turns
// them into dotted quads, and DNS answers are addresses.
import ipaddr from "ipaddr.js";

const rangeNames: Record<string, string> = {
  unspecified: "an unspecified address",
  broadcast: "a broadcast address",
  multicast: "a multicast address",
  linkLocal: "a link-local address (cloud metadata lives here)",
  loopback: "a loopback address",
  carrierGradeNat: "a carrier-grade NAT address",
  private: "a private network address",
  uniqueLocal: "a private network address",
  reserved: "a reserved address",
};

/** Why `address` (an IP literal) is refused by default, in words for the error message; null for a public address. */
export function addressRefusal(address: string): string | null {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address.replace(/^\[|\]$/g, ""));
  } catch {
    return "not an IP address";
  }
  if (parsed.kind() === "ipv6") {
    const embedded = embeddedIPv4(parsed as ipaddr.IPv6);
    if (embedded !== undefined) return embedded === null ? "an IPv6 transition address" : addressRefusal(embedded);
  }
  const range = parsed.range();
  if (range === "unicast") return null;
  return rangeNames[range] ?? `a special-purpose address (${range})`;
}

/**
 * The IPv4 address an IPv6 address stands for, undefined when it is plain IPv6, null when it is a transition form
 * whose IPv4 address cannot be read (Teredo, IPv4-translated): those are refused.
 */
function embeddedIPv4(address: ipaddr.IPv6): string | null | undefined {
  const bytes = address.toByteArray();
  const v4 = (from: number) => bytes.slice(from, from + 4).join(".");
  const zero = (from: number, to: number) => bytes.slice(from, to).every((byte) => byte === 0);
  if (address.isIPv4MappedAddress()) return address.toIPv4Address().toString();
  // ::a.b.c.d (IPv4-compatible, deprecated) but not :: and ::1, which range() names.
  if (zero(0, 12) && !zero(12, 15)) return v4(12);
  const range = address.range();
  if (range === "rfc6052") return v4(12);
  if (range === "6to4") return v4(2);
  if (range === "teredo" || range === "rfc6145") return null;
  return undefined;
}

export function isIpLiteral(host: string): boolean {
  return ipaddr.isValid(host.replace(/^\[|\]$/g, ""));
}

/** One allow-list entry: an address range, or a host name (exact, or `*.` for its subdomains), optionally one port. */
export type AllowEntry =
  | { kind: "range"; text: string; range: [ipaddr.IPv4 | ipaddr.IPv6, number]; port?: number }
  | { kind: "host"; text: string; name: string; subdomains: boolean; port?: number };

const HOST_NAME = /^(\*\.)?([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** Reads one entry, e.g. `10.0.0.0/8`, `192.168.1.20`, `[fd00::1]:8443`, `sterling.corp.local`, `*.corp:443`. */
export function parseAllowEntry(raw: string): AllowEntry | string {
  const text = raw.trim().toLowerCase();
  if (text === "") return "is empty";
  let body = text;
  let port: number | undefined;
  const portMatch = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(text);
  if (portMatch?.[1] !== undefined) {
    body = portMatch[1];
    port = Number(portMatch[2]);
    if (port < 1 || port > 65535) return `has a port outside 1–65535`;
  }
  const bare = body.replace(/^\[|\]$/g, "");
  if (bare.includes("/")) {
    try {
      const range = ipaddr.parseCIDR(bare);
      return { kind: "range", text, range, port };
    } catch {
      return "is not a valid address range (e.g. 10.0.0.0/8)";
    }
  }
  if (ipaddr.isValid(bare)) {
    const address = ipaddr.parse(bare);
    return { kind: "range", text, range: [address, address.kind() === "ipv4" ? 32 : 128], port };
  }
  if (/^[\d.]+$/.test(bare) || !HOST_NAME.test(bare)) return "is not an address, address range or host name";
  const subdomains = bare.startsWith("*.");
  return { kind: "host", text, name: subdomains ? bare.slice(2) : bare, subdomains, port };
}

/** Entries as given by a user or the environment; the problems name each bad entry. */
export function parseAllowList(raw: readonly string[]): { entries: AllowEntry[]; problems: string[] } {
  const entries: AllowEntry[] = [];
  const problems: string[] = [];
  for (const item of raw) {
    if (item.trim() === "") continue;
    const parsed = parseAllowEntry(item);
    if (typeof parsed === "string") problems.push(`"${item.trim()}" ${parsed}`);
    else entries.push(parsed);
  }
  return { entries, problems };
}

function portMatches(entry: AllowEntry, port: number): boolean {
  return entry.port === undefined || entry.port === port;
}

/** The host name as the user wrote it in the URL (lower case, without a trailing dot) is on the list. */
export function hostAllowed(entries: readonly AllowEntry[], host: string, port: number): boolean {
  const name = host.toLowerCase().replace(/\.$/, "");
  return entries.some(
    (entry) =>
      entry.kind === "host" &&
      portMatches(entry, port) &&
      (entry.name === name || (entry.subdomains && name.endsWith(`.${entry.name}`))),
  );
}

/** The address connected to lies in a listed range (an IPv4-mapped IPv6 address also matches its IPv4 range). */
export function addressAllowed(entries: readonly AllowEntry[], address: string, port: number): boolean {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(address.replace(/^\[|\]$/g, ""));
  } catch {
    return false;
  }
  return entries.some(
    (entry) =>
      entry.kind === "range" &&
      portMatches(entry, port) &&
      entry.range[0].kind() === parsed.kind() &&
      parsed.match(entry.range),
  );
}
