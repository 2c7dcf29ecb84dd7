import { PGlite } from "@electric-sql/pglite";
import net from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PgliteWireServer } from "./pglite-wire-server";

let db: PGlite;
let server: PgliteWireServer;
let url: string;

beforeAll(async () => {
  db = await PGlite.create();
  server = new PgliteWireServer(db);
  await server.listen(0, "127.0.0.1");
  url = `postgresql://postgres:postgres@127.0.0.1:${server.port()}/postgres?sslmode=disable`;
});

afterAll(async () => {
  await server.close();
  await db.close();
});

/** A bare protocol client, so the test controls exactly how one query's messages are split across writes. */
function message(type: string, body: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.alloc(5);
  header.write(type, 0);
  header.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([header, body]);
}
const cstring = (text: string) => Buffer.from(`${text}\0`);
const int16 = (value: number) => Buffer.from([value >> 8, value & 0xff]);
function int32(value: number): Buffer {
  const buffer = Buffer.alloc(4);
  buffer.writeInt32BE(value);
  return buffer;
}
const parse = (sql: string) => message("P", Buffer.concat([cstring(""), cstring(sql), int16(0)]));
function bind(params: string[]): Buffer {
  const values = params.flatMap((param) => [int32(Buffer.byteLength(param)), Buffer.from(param)]);
  return message("B", Buffer.concat([cstring(""), cstring(""), int16(0), int16(params.length), ...values, int16(0)]));
}
const execute = message("E", Buffer.concat([cstring(""), int32(0)]));
const sync = message("S");

async function rawClient(port: number) {
  const socket = net.connect(port, "127.0.0.1");
  let received = Buffer.alloc(0);
  let waiter: (() => void) | undefined;
  socket.on("data", (data: Buffer) => {
    received = Buffer.concat([received, data]);
    waiter?.();
  });
  /** Everything up to and including the next ReadyForQuery ('Z'), as text. */
  const untilReady = () =>
    new Promise<string>((resolve) => {
      const check = () => {
        const at = received.indexOf("Z\0\0\0\x05", 0, "latin1");
        if (at === -1) return;
        const reply = received.subarray(0, at + 6).toString("latin1");
        received = received.subarray(at + 6);
        waiter = undefined;
        resolve(reply);
      };
      waiter = check;
      check();
    });
  const startup = Buffer.concat([
    int32(196608),
    cstring("user"),
    cstring("postgres"),
    cstring("database"),
    cstring("postgres"),
    Buffer.from([0]),
  ]);
  socket.write(Buffer.concat([int32(startup.length + 4), startup]));
  await untilReady();
  return { socket, untilReady };
}

describe("PGlite wire server", () => {
  it("runs a query whose messages arrive in separate writes as one unit, whatever other clients send meanwhile", async () => {
    const a = await rawClient(server.port());
    const b = await rawClient(server.port());
    a.socket.write(parse("SELECT $1::int + $2::int AS value"));
    await new Promise((resolve) => setTimeout(resolve, 100));
    b.socket.write(Buffer.concat([parse("SELECT $1::text AS value"), bind(["from b"]), execute, sync]));
    expect(await b.untilReady()).toContain("from b");
    a.socket.write(Buffer.concat([bind(["40", "2"]), execute, sync]));
    const reply = await a.untilReady();
    a.socket.destroy();
    b.socket.destroy();
    expect(reply).not.toContain("bind message supplies");
    expect(reply).toContain("42");
  });

  it("keeps concurrent extended-protocol queries from many connections apart", async () => {
    const pool = new pg.Pool({ connectionString: url, max: 8 });
    // Different parameter counts per query: an interleaved Parse from another connection would break the Bind.
    const results = await Promise.all(
      Array.from({ length: 300 }, (_, index) =>
        index % 2 === 0
          ? pool
              .query<{ value: number }>("SELECT $1::int + $2::int AS value", [index, 1])
              .then((result) => result.rows[0]?.value === index + 1)
          : pool
              .query<{ value: string }>("SELECT $1::text AS value", [`q${index}`])
              .then((result) => result.rows[0]?.value === `q${index}`),
      ),
    );
    await pool.end();
    expect(results.filter((ok) => !ok)).toHaveLength(0);
  });

  it("lets nobody else onto the session during a transaction, and rolls back a client that disappears in one", async () => {
    const setup = new pg.Client(url);
    await setup.connect();
    await setup.query("CREATE TABLE IF NOT EXISTS orders (id int)");
    const holder = new pg.Client(url);
    await holder.connect();
    holder.on("error", () => undefined);
    await holder.query("BEGIN");
    await holder.query("INSERT INTO orders VALUES ($1)", [1]);

    let counted: number | undefined;
    const waiting = setup.query<{ count: string }>("SELECT count(*) AS count FROM orders").then((result) => {
      counted = Number(result.rows[0]?.count);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(counted).toBeUndefined();

    // The holder's socket closes without COMMIT: its insert must not survive, and the waiting client goes on.
    holder.connection.stream.destroy();
    await waiting;
    expect(counted).toBe(0);
    await setup.end();
  });

  it("declines SSL with 'N' so that clients go on in plain TCP on loopback", async () => {
    const socket = net.connect(server.port(), "127.0.0.1");
    const request = Buffer.alloc(8);
    request.writeInt32BE(8, 0);
    request.writeInt32BE(80877103, 4);
    const reply = await new Promise<string>((resolve, reject) => {
      socket.once("data", (data: Buffer) => resolve(data.toString("latin1")));
      socket.once("error", reject);
      socket.write(request);
    });
    socket.destroy();
    expect(reply).toBe("N");
  });
});
