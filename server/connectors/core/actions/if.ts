// If: the runtime evaluates the condition and follows the node's "true" or "false" edges; nodes only on the other
// branch are recorded as skipped. Declared here so the manifest and the designer's form know its field.
import { z } from "zod";
import { defineAction, field } from "../../sdk";

export const ifAction = defineAction({
  key: "if",
  label: "If",
  description: "Continues on the true path or the false path, depending on a condition.",
  group: "Logic",
  input: z.object({
    // A text widget, not a checkbox: the condition is almost always an expression over the run's data.
    condition: z.boolean().meta(
      field({
        title: "Condition",
        description: "An expression that gives true or false, e.g. {{ trigger.total > 100 }}.",
        placeholder: "{{ trigger.total > 100 }}",
        widget: "text",
      }),
    ),
  }),
  output: z.object({ result: z.boolean().meta({ title: "Result", description: "The condition's value." }) }),
  async run({ input }) {
    return { result: input.condition };
  },
});
