// Serves one PGlite database to many Postgres clients on loopback (Prisma's pool, pg-boss, the worker).
//
// Why not @electric-sql/pglite-socket's server: it schedules single protocol messages across connections, so when
// two clients query at once one client's Parse can land between another's Parse and Bind and clobber the unnamed
// statement ("bind message supplies 1 parameters, but prepared statement requires 2"; electric-sql/pglite#1046),
// and one internal throw stalls its queue for good. PGlite is a single session, so this server hands it whole
// batches (up to Sync or a simple Query), keeps an open transaction's owner alone on the session until it ends,
// and answers a failed batch with an ErrorResponse instead of leaving the client hanging.
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";
import { ScramExchange, scramVerifier, type ScramVerifier } from "./scram-server";

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
/**
 * Named statements whose name is a hash of their text (sql.ts's preparedStatements): every client prepares them, but
 * PGlite is one session, so the second Parse of a name would fail. The same name is the same text, so a Parse of one
 * already prepared in the session is answered here (ParseComplete) instead of reaching PGlite.
 */
export const SHARED_STATEMENT_PREFIX = "conflux_";
const PARSE_COMPLETE = Buffer.from([0x31, 0, 0, 0, 4]);

/** The statement name of a Parse message that names a shared statement, or undefined. */
function sharedStatementName(message: Uint8Array): string | undefined {
  if (message[0] !== 0x50 /* P */) return undefined;
  const end = message.indexOf(0, 5);
  if (end <= 5) return undefined;
  const name = Buffer.from(message.subarray(5, end)).toString("utf8");
  return name.startsWith(SHARED_STATEMENT_PREFIX) ? name : undefined;
}

/** Message types that end a batch: after them the backend answers ReadyForQuery. */
const BATCH_ENDS = new Set(["S", "Q", "X"]);

interface Batch {
  connection: Connection;
  messages: Uint8Array[];
}

interface Connection {
  id: number;
  socket: net.Socket;
  buffer: Buffer;
  started: boolean;
  pending: Uint8Array[];
  /** While a password is being checked: the exchange, and the start-up message PGlite gets once it succeeds. */
  auth?: { exchange: ScramExchange; startup: Buffer; user: string; step: "first" | "final" };
}

/** A backend message: type byte, length, payload. */
function backendMessage(type: string, payload: Buffer): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(payload.length + 4, 1);
  return Buffer.concat([header, payload]);
}

function authentication(code: number, data: Buffer = Buffer.alloc(0)): Buffer {
  const codeBytes = Buffer.alloc(4);
  codeBytes.writeInt32BE(code, 0);
  return backendMessage("R", Buffer.concat([codeBytes, data]));
}

function fatal(code: string, text: string): Buffer {
  return backendMessage("E", Buffer.from(`SFATAL\0VFATAL\0C${code}\0M${text}\0\0`));
}

/** The user a start-up message names (parameters are name/value C strings after the protocol version). */
function startupUser(startup: Buffer): string {
  const fields = startup.subarray(8).toString("utf8").split("\0");
  for (let index = 0; index + 1 < fields.length; index += 2)
    if (fields[index] === "user") return fields[index + 1] ?? "";
  return "";
}

/** An ErrorResponse followed by ReadyForQuery(idle), so a client whose batch failed inside PGlite carries on. */
function errorReply(message: string): Buffer {
  const fields = Buffer.concat([
    Buffer.from("SERROR\0"),
    Buffer.from("C58000\0"),
    Buffer.from(`M${message}\0`),
    Buffer.from("\0"),
  ]);
  const header = Buffer.alloc(5);
  header.write("E", 0);
  header.writeInt32BE(fields.length + 4, 1);
  return Buffer.concat([header, fields, Buffer.from([0x5a, 0, 0, 0, 5, 0x49])]);
}

export class PgliteWireServer {
  private readonly server: net.Server;
  private readonly connections = new Set<Connection>();
  private readonly queue: Batch[] = [];
  private nextId = 1;
  private running = false;
  /** The connection whose transaction is open on the session; nobody else runs until it ends. */
  private owner: Connection | null = null;
  /** Shared statements prepared in PGlite's one session (see SHARED_STATEMENT_PREFIX). */
  private readonly prepared = new Set<string>();

  private readonly verifier: ScramVerifier | undefined;

  /** With a password, every client must prove it knows it (SCRAM-SHA-256) before PGlite sees its start-up. */
  constructor(
    private readonly db: PGlite,
    options: { password?: string } = {},
  ) {
    this.server = net.createServer((socket) => this.accept(socket));
    this.verifier = options.password ? scramVerifier(options.password) : undefined;
  }

  async listen(port: number, host: string): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(port, host, () => resolve());
    });
  }

  /** The port it listens on, once listening (useful with port 0). */
  port(): number {
    const address = this.server.address();
    return typeof address === "object" && address ? address.port : 0;
  }

  async close(): Promise<void> {
    for (const connection of this.connections) connection.socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    // Let a batch in flight finish before the caller closes the database under it.
    while (this.running) await new Promise((resolve) => setTimeout(resolve, 10));
  }

  private accept(socket: net.Socket): void {
    socket.setNoDelay(true);
    const connection: Connection = { id: this.nextId++, socket, buffer: Buffer.alloc(0), started: false, pending: [] };
    this.connections.add(connection);
    socket.on("data", (chunk: Buffer) => this.receive(connection, chunk));
    socket.on("error", () => socket.destroy());
    socket.on("close", () => this.drop(connection));
  }

  private receive(connection: Connection, chunk: Buffer): void {
    connection.buffer = Buffer.concat([connection.buffer, chunk]);
    for (;;) {
      const { buffer } = connection;
      if (!connection.started) {
        // Start-up messages have no type byte: length, then a code.
        if (buffer.length < 8) return;
        const length = buffer.readInt32BE(0);
        if (buffer.length < length) return;
        const code = buffer.readInt32BE(4);
        connection.buffer = buffer.subarray(length);
        if (code === SSL_REQUEST) {
          connection.socket.write("N");
        } else if (code !== CANCEL_REQUEST) {
          connection.started = true;
          const startup = Buffer.from(buffer.subarray(0, length));
          if (this.verifier) {
            const exchange = new ScramExchange(this.verifier);
            connection.auth = { exchange, startup, user: startupUser(startup), step: "first" };
            connection.socket.write(authentication(10, Buffer.from("SCRAM-SHA-256\0\0")));
          } else {
            this.enqueue({ connection, messages: [startup] });
          }
        }
        continue;
      }
      if (buffer.length < 5) return;
      const length = 1 + buffer.readInt32BE(1);
      if (buffer.length < length) return;
      const message = buffer.subarray(0, length);
      connection.buffer = buffer.subarray(length);
      if (connection.auth) {
        if (!this.authenticate(connection, connection.auth, message)) return;
        continue;
      }
      connection.pending.push(message);
      if (BATCH_ENDS.has(String.fromCharCode(message[0] ?? 0))) {
        this.enqueue({ connection, messages: connection.pending });
        connection.pending = [];
      }
    }
  }

  /** One SASL message of the password exchange; false when it failed and the connection is closed. */
  private authenticate(connection: Connection, auth: NonNullable<Connection["auth"]>, received: Buffer): boolean {
    const refuse = () => {
      connection.socket.end(fatal("28P01", `password authentication failed for user "${auth.user}"`));
      connection.auth = undefined;
      connection.started = false;
      connection.buffer = Buffer.alloc(0);
      return false;
    };
    if (String.fromCharCode(received[0] ?? 0) !== "p") return refuse();
    const payload = received.subarray(5);
    if (auth.step === "first") {
      // SASLInitialResponse: mechanism name, then the length-prefixed client-first message.
      const nameEnd = payload.indexOf(0);
      if (nameEnd < 0 || payload.subarray(0, nameEnd).toString() !== "SCRAM-SHA-256") return refuse();
      const serverFirst = auth.exchange.first(payload.subarray(nameEnd + 5).toString("utf8"));
      if (!serverFirst) return refuse();
      auth.step = "final";
      connection.socket.write(authentication(11, Buffer.from(serverFirst)));
      return true;
    }
    const serverFinal = auth.exchange.final(payload.toString("utf8"));
    if (!serverFinal) return refuse();
    connection.socket.write(authentication(12, Buffer.from(serverFinal)));
    connection.auth = undefined;
    // PGlite answers the start-up with AuthenticationOk, the parameters and ReadyForQuery.
    this.enqueue({ connection, messages: [auth.startup] });
    return true;
  }

  private enqueue(batch: Batch): void {
    this.queue.push(batch);
    void this.pump();
  }

  private nextBatch(): Batch | undefined {
    const index = this.owner ? this.queue.findIndex((batch) => batch.connection === this.owner) : 0;
    return index === -1 ? undefined : this.queue.splice(index, 1)[0];
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (;;) {
        if (this.owner && !this.connections.has(this.owner)) {
          // A client that vanished mid-transaction must not hold the session: roll its work back first.
          this.owner = null;
          if (this.db.isInTransaction()) await this.db.exec("ROLLBACK").catch(() => undefined);
        }
        const batch = this.nextBatch();
        if (!batch) break;
        await this.execute(batch);
      }
    } finally {
      this.running = false;
    }
  }

  private async execute({ connection, messages }: Batch): Promise<void> {
    if (connection.socket.destroyed) return;
    // PGlite hands over views of its WebAssembly memory, which it reuses (and which move when the memory grows) as
    // soon as the callback returns. A socket that cannot take everything at once (a reply of megabytes, a slow
    // client) keeps a reference to what it queues, so that reference must be a copy: sent as a view, a large reply
    // arrived corrupted and the client waited forever for the rest of a message (flows.get of a 5 MB draft hung and,
    // repeated, wedged the pool).
    const write = (data: Uint8Array) => {
      if (!connection.socket.destroyed) connection.socket.write(Buffer.from(data));
    };
    try {
      await this.db.runExclusive(async () => {
        for (const message of messages) {
          const shared = sharedStatementName(message);
          if (shared && this.prepared.has(shared)) {
            write(PARSE_COMPLETE);
            continue;
          }
          let parsed = false;
          await this.db.execProtocolRawStream(message, {
            onRawData: (data) => {
              if (data[0] === PARSE_COMPLETE[0]) parsed = true;
              write(data);
            },
          });
          if (shared && parsed) this.prepared.add(shared);
        }
      });
    } catch (error) {
      write(errorReply(error instanceof Error ? error.message : String(error)));
    }
    this.owner = this.db.isInTransaction() ? connection : null;
  }

  private drop(connection: Connection): void {
    this.connections.delete(connection);
    for (let index = this.queue.length - 1; index >= 0; index -= 1) {
      if (this.queue[index]?.connection === connection) this.queue.splice(index, 1);
    }
    void this.pump();
  }
}
