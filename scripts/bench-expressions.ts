// `npm run bench:expressions`: what evaluating a step's templates in the expression sandbox (worker threads) costs
// against evaluating them on the event loop as before, side by side in one process: the same step inputs (five
// templates over an order of 50 lines) resolved N times each way, alternating rounds so that load shifts hit both.
// Prints per-step figures and ends with one JSON line. Options: --steps=2000 --rounds=5
import os from "node:os";
import { performance } from "node:perf_hooks";
import { expressionPool, resolveInputs as sandboxed } from "../server/runtime/expressions";
import { resolveInputs as onLoop } from "../server/runtime/sandbox/resolve";

const args = Object.fromEntries(process.argv.slice(2).map((arg) => arg.replace(/^--/, "").split("=")));
const steps = Number(args.steps ?? 2000);
const rounds = Number(args.rounds ?? 5);

const lines = Array.from({ length: 50 }, (_, index) => ({ sku: `SKU-${index}`, qty: index % 4, price: 9.5 + index }));
const context = {
  trigger: { body: { orderNo: "Y100042", customer: { name: "Ada", email: "ada@example.com" }, lines } },
  steps: { fetch: { status: 200, body: { accepted: true, id: "IOM-4711" } } },
  env: {},
};
const inputs = {
  method: "POST",
  url: "https://oms.example.com/orders/{{ trigger.body.orderNo }}",
  headers: { "X-Customer": "{{ trigger.body.customer.name }}", Accept: "application/json" },
  body: '{{ {"order": trigger.body.orderNo, "lines": trigger.body.lines[qty > 0].{"sku": sku, "qty": qty}} }}',
  total: "{{ $sum(trigger.body.lines.(qty * price)) }}",
  note: "Order {{ trigger.body.orderNo }} for {{ trigger.body.customer.email }}",
};

async function time(resolve: typeof onLoop): Promise<number> {
  const started = performance.now();
  for (let index = 0; index < steps; index += 1) await resolve(inputs, context);
  return ((performance.now() - started) * 1000) / steps;
}

await sandboxed(inputs, context); // start the threads before measuring
await onLoop(inputs, context);
const loop: number[] = [];
const pool: number[] = [];
for (let round = 0; round < rounds; round += 1) {
  loop.push(await time(onLoop));
  pool.push(await time(sandboxed));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const figures = {
  steps,
  rounds,
  onLoopUsPerStep: Math.round(median(loop)),
  sandboxUsPerStep: Math.round(median(pool)),
  ratio: Number((median(pool) / median(loop)).toFixed(2)),
  addedUsPerStep: Math.round(median(pool) - median(loop)),
  loadAverage1m: Number(os.loadavg()[0]?.toFixed(2)),
};
console.log(`on the event loop: ${figures.onLoopUsPerStep} µs per step (rounds: ${loop.map(Math.round).join(", ")})`);
console.log(`in the sandbox:    ${figures.sandboxUsPerStep} µs per step (rounds: ${pool.map(Math.round).join(", ")})`);
console.log(`ratio ${figures.ratio}, +${figures.addedUsPerStep} µs per step, load ${figures.loadAverage1m}`);
console.log(JSON.stringify(figures));
await expressionPool().close();
