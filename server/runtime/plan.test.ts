import { describe, expect, it } from "vitest";
import { buildGraph, controlStep, logStep, manualTrigger } from "@/test/runtime/graph-fixtures";
import { planExecution } from "./plan";

const ids = (nodes: ReadonlyArray<{ id: string }> | undefined) => (nodes ?? []).map((node) => node.id);

describe("planExecution", () => {
  it("orders both branches of an If and their join once, after everything before them", () => {
    const plan = planExecution(
      buildGraph(
        [
          manualTrigger(),
          controlStep("if", "check", { condition: true }),
          logStep("yes", "y"),
          logStep("no", "n"),
          logStep("join", "j"),
        ],
        [
          ["trigger", "check"],
          ["check", "yes", "true"],
          ["check", "no", "false"],
          ["yes", "join"],
          ["no", "join"],
        ],
      ),
    );
    expect(ids(plan.steps)).toEqual(["check", "yes", "no", "join"]);
    expect(plan.incoming.get("join")?.map((edge) => edge.source)).toEqual(["yes", "no"]);
    expect(plan.loopLeaks).toEqual([]);
  });

  it("puts loop bodies, nested ones too, under their For each and continues after the loop at top level", () => {
    const plan = planExecution(
      buildGraph(
        [
          manualTrigger(),
          controlStep("forEach", "orders", { items: "{{ trigger.orders }}" }),
          logStep("order", "{{ item.no }}"),
          controlStep("forEach", "lines", { items: "{{ item.lines }}" }),
          logStep("line", "{{ item.sku }}"),
          logStep("orderDone", "done"),
          logStep("after", "all done"),
        ],
        [
          ["trigger", "orders"],
          ["orders", "order", "each"],
          ["order", "lines"],
          ["lines", "line", "each"],
          ["lines", "orderDone"],
          ["orders", "after"],
        ],
      ),
    );
    expect(ids(plan.steps)).toEqual(["orders", "after"]);
    expect(ids(plan.bodies.get("orders"))).toEqual(["order", "lines", "orderDone"]);
    expect(ids(plan.bodies.get("lines"))).toEqual(["line"]);
    expect(Object.fromEntries(plan.loopOf)).toMatchObject({
      trigger: null,
      orders: null,
      order: "orders",
      line: "lines",
      after: null,
    });
    expect(plan.loopLeaks).toEqual([]);
  });

  it("reports edges that jump into or out of a loop body", () => {
    const plan = planExecution(
      buildGraph(
        [manualTrigger(), controlStep("forEach", "loop", { items: [] }), logStep("inside", "i"), logStep("out", "o")],
        [
          ["trigger", "loop"],
          ["loop", "inside", "each"],
          ["trigger", "inside"],
          ["loop", "out"],
        ],
      ),
    );
    expect(plan.loopLeaks.map((edge) => `${edge.source}->${edge.target}`)).toEqual(["trigger->inside"]);
  });
});
