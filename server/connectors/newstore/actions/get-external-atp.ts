// Get config to request external ATP data: whether NewStore asks the availability webhook (B3).
import { z } from "zod";
import { externalAtpConfig } from "../config-api";
import { newstoreAccount, newstoreAction, switchOutput } from "../common";

export const getExternalAtpAction = newstoreAction({
  key: "getExternalAtp",
  label: "Get external ATP setting",
  description: "Whether NewStore asks the availability webhook for ATP instead of using its own stock.",
  group: "Availability",
  input: z.object({}),
  output: switchOutput,
  async run({ ctx }) {
    return externalAtpConfig(newstoreAccount(ctx.account), ctx.signal);
  },
});
