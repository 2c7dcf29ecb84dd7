// The server side of Postgres' SCRAM-SHA-256 password exchange (RFC 5802/7677, as Postgres speaks it: no channel
// binding over a plain TCP connection), for the embedded database's wire server. pg, Prisma's adapter and pg-boss all
// answer it; the password itself never crosses the socket.
import crypto from "node:crypto";

const ITERATIONS = 4096;

export interface ScramVerifier {
  salt: Buffer;
  iterations: number;
  storedKey: Buffer;
  serverKey: Buffer;
}

const hmac = (key: Buffer, text: string) => crypto.createHmac("sha256", key).update(text).digest();
const sha256 = (data: Buffer) => crypto.createHash("sha256").update(data).digest();

/** What the server keeps of a password: enough to check a proof, not to log in with. */
export function scramVerifier(password: string, salt = crypto.randomBytes(16)): ScramVerifier {
  const salted = crypto.pbkdf2Sync(password.normalize("NFKC"), salt, ITERATIONS, 32, "sha256");
  return {
    salt,
    iterations: ITERATIONS,
    storedKey: sha256(hmac(salted, "Client Key")),
    serverKey: hmac(salted, "Server Key"),
  };
}

function attributes(message: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of message.split(",")) {
    const separator = part.indexOf("=");
    if (separator === 1) map.set(part.slice(0, 1), part.slice(2));
  }
  return map;
}

/** One client's exchange: `first` answers the client-first message, `final` checks the proof. */
export class ScramExchange {
  private clientFirstBare = "";
  private serverFirst = "";
  private nonce = "";

  constructor(private readonly verifier: ScramVerifier) {}

  /** The server-first message, or undefined when the client's message is not a SCRAM client-first. */
  first(clientFirst: string): string | undefined {
    // gs2 header: "n,," (no channel binding) or "y,," (client supports it, server does not offer it).
    const match = /^[ny],[^,]*,(.*)$/.exec(clientFirst);
    if (!match?.[1]) return undefined;
    this.clientFirstBare = match[1];
    const clientNonce = attributes(this.clientFirstBare).get("r");
    if (!clientNonce) return undefined;
    this.nonce = clientNonce + crypto.randomBytes(18).toString("base64");
    this.serverFirst = `r=${this.nonce},s=${this.verifier.salt.toString("base64")},i=${this.verifier.iterations}`;
    return this.serverFirst;
  }

  /** The server-final message when the proof is right, else undefined. */
  final(clientFinal: string): string | undefined {
    const parts = attributes(clientFinal);
    const proof = parts.get("p");
    if (parts.get("r") !== this.nonce || !proof) return undefined;
    const withoutProof = clientFinal.slice(0, clientFinal.lastIndexOf(",p="));
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const signature = hmac(this.verifier.storedKey, authMessage);
    const given = Buffer.from(proof, "base64");
    if (given.length !== signature.length) return undefined;
    const clientKey = Buffer.alloc(signature.length);
    for (let index = 0; index < signature.length; index += 1)
      clientKey[index] = (given[index] ?? 0) ^ (signature[index] ?? 0);
    if (!crypto.timingSafeEqual(sha256(clientKey), this.verifier.storedKey)) return undefined;
    return `v=${hmac(this.verifier.serverKey, authMessage).toString("base64")}`;
  }
}
