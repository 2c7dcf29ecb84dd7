// The webhook benchmark's yardstick: a bare Node HTTP handler doing the same work as the flow "Availability requested
// → Respond" with no framework: check the key in constant time, parse and check the body, commit a run row, its two
// step rows (trigger, answer) and its end, and answer one availability per product and location.
// Run as a child process. Env: DATABASE_URL, BENCH_PORT, BENCH_KEY.
import crypto from "node:crypto";
import http from "node:http";
import pg from "pg";

const schema = `
  CREATE TABLE IF NOT EXISTS bare_answer_run (
    id bigserial PRIMARY KEY, status text NOT NULL, trigger_data jsonb NOT NULL, response jsonb,
    created_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz);
  CREATE TABLE IF NOT EXISTS bare_answer_step (
    id bigserial PRIMARY KEY, run_id bigint NOT NULL REFERENCES bare_answer_run(id), step_id text NOT NULL,
    output jsonb, finished_at timestamptz NOT NULL DEFAULT now(), UNIQUE (run_id, step_id));`;

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 16 });
await pool.query(schema);
const key = crypto
  .createHash("sha256")
  .update(process.env.BENCH_KEY ?? "")
  .digest();

interface Ask {
  products: Array<{ product_id: string; external_identifier?: string }>;
  fulfillment_locations: string[];
}

function readAsk(text: string): Ask | undefined {
  try {
    const body = JSON.parse(text) as Partial<Ask>;
    if (!Array.isArray(body.products) || !Array.isArray(body.fulfillment_locations)) return undefined;
    return { products: body.products, fulfillment_locations: body.fulfillment_locations };
  } catch {
    return undefined;
  }
}

async function answer(text: string): Promise<unknown> {
  const ask = readAsk(text);
  if (!ask) return undefined;
  const availabilities = ask.products.flatMap((product) =>
    ask.fulfillment_locations.map((location) => ({
      product_id: product.product_id,
      external_identifier: product.external_identifier ?? product.product_id,
      fulfillment_location: location,
      atp: 5,
    })),
  );
  const reply = { availabilities };
  const { rows } = await pool.query<{ id: string }>(
    "INSERT INTO bare_answer_run (status, trigger_data) VALUES ('running', $1) RETURNING id",
    [ask],
  );
  const runId = rows[0]?.id;
  await pool.query("INSERT INTO bare_answer_step (run_id, step_id, output) VALUES ($1, 'trigger', $2)", [runId, ask]);
  await pool.query("INSERT INTO bare_answer_step (run_id, step_id, output) VALUES ($1, 'answer', $2)", [runId, reply]);
  await pool.query(
    "UPDATE bare_answer_run SET status = 'succeeded', response = $2, finished_at = now() WHERE id = $1",
    [runId, reply],
  );
  return reply;
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (chunk: Buffer) => chunks.push(chunk));
  req.on("end", () => {
    const given = crypto
      .createHash("sha256")
      .update(req.headers.authorization ?? "")
      .digest();
    if (!crypto.timingSafeEqual(given, key)) {
      res.writeHead(401).end();
      return;
    }
    answer(Buffer.concat(chunks).toString("utf8")).then(
      (reply) => {
        if (reply === undefined) res.writeHead(400).end();
        else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(reply));
      },
      () => res.writeHead(500).end(),
    );
  });
});
server.listen(Number(process.env.BENCH_PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  console.log(`READY http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`);
});
process.on("SIGTERM", () => server.close(() => void pool.end().then(() => process.exit(0))));
