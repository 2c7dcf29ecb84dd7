// Get external OMS config: whether NewStore runs as the secondary OMS beside an external one (B2).
import { z } from "zod";
import { externalOmsConfig } from "../config-api";
import { newstoreAccount, newstoreAction, switchOutput } from "../common";

export const getExternalOmsConfigAction = newstoreAction({
  key: "getExternalOmsConfig",
  label: "Get external OMS config",
  description: "Whether NewStore is set up to run beside an external order management system.",
  group: "External OMS",
  input: z.object({}),
  output: switchOutput,
  async run({ ctx }) {
    return externalOmsConfig(newstoreAccount(ctx.account), ctx.signal);
  },
});
