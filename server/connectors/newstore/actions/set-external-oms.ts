// Enable external OMS config: turns running beside an external OMS on or off ({ "enabled": true|false }, B2).
import { z } from "zod";
import { field } from "../../sdk";
import { externalOmsConfig } from "../config-api";
import { newstoreAccount, newstoreAction, switchOutput } from "../common";

export const setExternalOmsAction = newstoreAction({
  key: "setExternalOms",
  label: "Enable or disable external OMS",
  description: "Makes NewStore the secondary OMS beside an external one, or stops it.",
  group: "External OMS",
  input: z.object({
    enabled: z
      .boolean()
      .default(true)
      .meta(field({ title: "Use an external OMS", order: 1 })),
  }),
  output: switchOutput,
  async run({ input, ctx }) {
    return externalOmsConfig(newstoreAccount(ctx.account), ctx.signal, input.enabled);
  },
});
