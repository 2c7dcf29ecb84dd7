// The expression sandbox: a runaway expression (native work that ignores JSONata's timeout, memory, a huge result)
// fails its step with a readable message while the server's event loop keeps turning, and the pool goes on serving.
import { afterAll, describe, expect, it } from "vitest";
import { ConfluxError } from "@/lib/errors";
import { rejection } from "@/test/rejection";
import { ExpressionPool } from "./pool";

const context = { trigger: { orderNo: "A-1" }, steps: {}, env: {} };
const pool = new ExpressionPool({ threads: 1, memoryMb: 64, timeMs: 4000, maxOutputBytes: 1024 * 1024 });
afterAll(() => pool.close());

const evaluate = (template: string) => pool.run({ kind: "template", template, field: "message", context });

describe("the expression sandbox", () => {
  it("stops native work that ignores JSONata's timeout, while this thread keeps turning", async () => {
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 50);
    try {
      // $sort (the example, which grew the server past 4 GB) is stopped by whichever limit it reaches first;
      // the regex runs in V8's native engine, which only terminating the thread stops.
      for (const [template, message] of [
        [
          "{{ $count($sort([1..100000])) }}",
          /^(The expressions of this step (ran longer than 4 s|used more than 64 MB of memory) and were stopped|.*timeout.*)$/i,
        ],
        [
          '{{ $match("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", /(a+)+$/) }}',
          /^The expressions of this step ran longer than 4 s and were stopped$/,
        ],
      ] as const) {
        const before = ticks;
        const error = await rejection(evaluate(template));
        expect(error).toBeInstanceOf(ConfluxError);
        expect(error).toMatchObject({ code: "EXPRESSION", retryable: false });
        expect(error.message).toMatch(message);
        // On the event loop the ticker could not have fired while the expression ran.
        expect(ticks - before).toBeGreaterThan(5);
      }
    } finally {
      clearInterval(ticker);
    }
    expect(await evaluate("Order {{ trigger.orderNo }}")).toBe("Order A-1");
  });

  it("stops an expression that outgrows its memory and one that builds too large a result", async () => {
    const memory = await rejection(evaluate('{{ $count([1..9000000].{"a": $}) }}'));
    expect(memory.message).toMatch(
      /^The expressions of this step (used more than 64 MB of memory|ran longer than 4 s) and were stopped$/,
    );
    const large = await rejection(evaluate('{{ $pad("", 2000000, "x") }}'));
    expect(large.message).toBe(
      "The expressions of this step built a result larger than 1024 KB; narrow what they select",
    );
    expect(await evaluate("{{ trigger.orderNo }}")).toBe("A-1");
    expect(pool.stopped).toBeGreaterThanOrEqual(2);
  });

  it("keeps JSONata's own errors, naming the field", async () => {
    const error = await rejection(evaluate("{{ $unknown() }}"));
    expect(error.code).toBe("EXPRESSION");
    expect(error.message).toMatch(/message/);
  });
});
