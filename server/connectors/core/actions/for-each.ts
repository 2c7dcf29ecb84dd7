// For each: the runtime runs the subgraph behind the node's "each" edge once per item, in order, with `item` and
// `index` in the expression context, then continues along "next". Declared here so the manifest and the designer's
// form know its field; the loop itself lives in server/runtime/for-each.ts.
import { z } from "zod";
import { ConfluxError } from "@/lib/errors";
import { defineAction, field } from "../../sdk";

/** More items than this fail the step: a run's history holds a row per item and step. */
export const MAX_FOR_EACH_ITEMS = 10_000;

export const forEachAction = defineAction({
  key: "forEach",
  label: "For each",
  description: "Runs the steps on its “each” path once for every item of a list, then continues.",
  group: "Logic",
  input: z.object({
    items: z
      .array(z.unknown())
      .max(MAX_FOR_EACH_ITEMS)
      .meta(
        field({
          title: "Items",
          description:
            "A list, e.g. {{ trigger.lines }}; steps inside the loop see {{ item }} and {{ index }}. " +
            `At most ${MAX_FOR_EACH_ITEMS} items.`,
          placeholder: "{{ trigger.lines }}",
          widget: "text",
        }),
      ),
  }),
  output: z.array(z.unknown()).meta({
    title: "Results",
    description: "For every item, the output of the last step that ran for it inside the loop.",
  }),
  async run() {
    throw new ConfluxError("FLOW_INVALID", "For each runs only as a For each node, which the runtime executes itself");
  },
});
