// Removes secrets from what gets stored or logged (step input, output, errors, log lines). A remote server may echo
// a credential back in any encoding, so each secret is searched for raw, JSON-escaped, URL-encoded and inside
// base64 (at any of the three byte alignments, which catches "Basic base64(user:password)" too), and each line of
// a multi-line secret such as a PEM private key on its own.

export const REDACTED = "[redacted]";
const MIN_SECRET_CHARS = 4;
const MIN_ENCODED_CHARS = 8;
const MIN_LINE_CHARS = 16;

/** The parts of base64(anything + secret + anything) that depend on the secret alone, for each alignment. */
function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const cores: string[] = [];
  for (let offset = 0; offset < 3; offset += 1) {
    const encoded = Buffer.concat([Buffer.alloc(offset), bytes])
      .toString("base64")
      .replace(/=+$/, "");
    // The first group mixes in the bytes before the secret; the last one, unless complete, the bytes after it.
    const start = offset === 0 ? 0 : 4;
    const complete = (offset + bytes.length) % 3 === 0;
    const end = complete ? encoded.length : Math.floor(encoded.length / 4) * 4;
    const core = encoded.slice(start, end);
    if (core.length >= MIN_ENCODED_CHARS) cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return cores;
}

export function secretForms(secret: string): string[] {
  if (secret.length < MIN_SECRET_CHARS) return [];
  const forms = new Set<string>([
    secret,
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%20/g, "+"),
    ...base64Cores(secret),
  ]);
  if (secret.includes("\n")) {
    for (const line of secret.split(/\r?\n/)) if (line.trim().length >= MIN_LINE_CHARS) forms.add(line.trim());
  }
  return [...forms];
}

export interface Redactor {
  text(value: string): string;
  /** A copy of a JSON-like value with every string (and key) redacted. */
  value(value: unknown): unknown;
}

export function createRedactor(secrets: Iterable<string>): Redactor {
  // Longest first, so a secret's raw form is replaced whole before a shorter form could split it.
  const forms = [...new Set([...secrets].flatMap(secretForms))].sort((a, b) => b.length - a.length);
  const text = (value: string): string => {
    let result = value;
    for (const form of forms) if (result.includes(form)) result = result.split(form).join(REDACTED);
    return result;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return text(value);
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value === "object" && value !== null && !(value instanceof Date)) {
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [text(key), walk(inner)]));
    }
    return value;
  };
  return forms.length === 0 ? { text: (value) => value, value: (value) => value } : { text, value: walk };
}
