// The benchmark's yardstick: the same job as the benchmark flow done by a bare loop of Node + pg, no framework. Each
// run commits its run row, its three step rows (trigger, HTTP POST, log) and its end, one statement each, and posts
// the same body to the same sink, so the product's figures can be read as a share of what the hardware allows.
import http from "node:http";
import pg from "pg";

const schema = `
  CREATE TABLE IF NOT EXISTS bare_run (
    id bigserial PRIMARY KEY, status text NOT NULL, trigger_data jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(), finished_at timestamptz);
  CREATE TABLE IF NOT EXISTS bare_step (
    id bigserial PRIMARY KEY, run_id bigint NOT NULL REFERENCES bare_run(id), step_id text NOT NULL,
    status text NOT NULL, output jsonb, finished_at timestamptz NOT NULL DEFAULT now(), UNIQUE (run_id, step_id));`;

export interface BareResult {
  runs: number;
  seconds: number;
  runsPerSecond: number;
}

export async function runBareLoop(options: {
  databaseUrl: string;
  sinkUrl: string;
  concurrency: number;
  durationMs: number;
}): Promise<BareResult> {
  const pool = new pg.Pool({ connectionString: options.databaseUrl, max: options.concurrency });
  await pool.query(schema);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.concurrency });
  const deadline = Date.now() + options.durationMs;
  let runs = 0;
  let order = 0;

  const post = (body: string) =>
    new Promise<unknown>((resolve, reject) => {
      const request = http.request(
        options.sinkUrl,
        { method: "POST", agent, headers: { "content-type": "application/json" } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => resolve(JSON.parse(Buffer.concat(chunks).toString("utf8"))));
        },
      );
      request.on("error", reject);
      request.end(body);
    });

  const loop = async () => {
    while (Date.now() < deadline) {
      order += 1;
      const orderNo = `bare-${order}`;
      const trigger = { body: { orderNo, lines: [{ sku: "A-1", qty: 2 }] } };
      const { rows } = await pool.query<{ id: string }>(
        "INSERT INTO bare_run (status, trigger_data) VALUES ('running', $1) RETURNING id",
        [trigger],
      );
      const runId = rows[0]?.id;
      const step = (stepId: string, output: unknown) =>
        pool.query("INSERT INTO bare_step (run_id, step_id, status, output) VALUES ($1, $2, 'succeeded', $3)", [
          runId,
          stepId,
          JSON.stringify(output),
        ]);
      await step("trigger", trigger);
      const reply = await post(JSON.stringify({ orderNo, lines: trigger.body.lines }));
      await step("post", { status: 200, body: reply });
      await step("log", { logged: `order ${orderNo} sent` });
      await pool.query("UPDATE bare_run SET status = 'succeeded', finished_at = now() WHERE id = $1", [runId]);
      runs += 1;
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: options.concurrency }, loop));
  const seconds = (Date.now() - started) / 1000;
  agent.destroy();
  await pool.end();
  return { runs, seconds, runsPerSecond: runs / seconds };
}
