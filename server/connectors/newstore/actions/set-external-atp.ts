// Enable config to request external ATP data ({ "value": true|false }, B3). Off, NewStore uses its own stock.
import { z } from "zod";
import { field } from "../../sdk";
import { externalAtpConfig } from "../config-api";
import { newstoreAccount, newstoreAction, switchOutput } from "../common";

export const setExternalAtpAction = newstoreAction({
  key: "setExternalAtp",
  label: "Turn external ATP on or off",
  description: "On: NewStore asks the availability webhook for ATP. Off: it uses the stock it keeps itself.",
  group: "Availability",
  input: z.object({
    enabled: z
      .boolean()
      .default(true)
      .meta(field({ title: "Request ATP from the webhook", order: 1 })),
  }),
  output: switchOutput,
  async run({ input, ctx }) {
    return externalAtpConfig(newstoreAccount(ctx.account), ctx.signal, input.enabled);
  },
});
