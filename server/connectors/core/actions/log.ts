// Writes a line to the run's log and passes it on as output: the simplest action, handy to see data mid-flow.
import { z } from "zod";
import { defineAction, field } from "../../sdk";

const levels = ["info", "warn", "error"] as const;

export const logAction = defineAction({
  key: "log",
  computesOnly: true,
  label: "Log",
  description: "Writes a message to the run's log; its output shows the message with the data filled in.",
  group: "Toolbox",
  input: z.object({
    message: z
      .string()
      .min(1)
      .max(10_000)
      .meta(field({ title: "Message", placeholder: "Order {{ trigger.orderNo }} received", widget: "textarea" })),
    level: z
      .enum(levels)
      .default("info")
      .meta(field({ title: "Level" })),
  }),
  output: z.object({ message: z.string(), level: z.enum(levels) }),
  async run({ input, ctx }) {
    ctx.log[input.level](input.message);
    return { message: input.message, level: input.level };
  },
});
