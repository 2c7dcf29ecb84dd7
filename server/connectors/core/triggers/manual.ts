// Run now: the run starts with whatever JSON the user typed in the Run now dialog (or {}), as App Connect does.
import { z } from "zod";
import { defineTrigger } from "../../sdk";

export const manualTrigger = defineTrigger({
  key: "manual",
  kind: "manual",
  label: "Run now",
  description: "Starts the flow when you click Run now, optionally with a JSON payload you type in.",
  group: "Toolbox",
  input: z.object({}),
  output: z.unknown().meta({ title: "Payload", description: "The JSON given to Run now, or {}." }),
  sample: { orderNo: "A-1001", customer: { name: "Ada Lovelace", email: "ada@example.com" }, total: 129.5 },
});
