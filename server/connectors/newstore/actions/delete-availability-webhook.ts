// Delete webhook config: how NewStore is told to stop asking an external OMS for ATP (B3).
import { z } from "zod";
import { deleteWebhookConfig } from "../config-api";
import { newstoreAccount, newstoreAction } from "../common";

export const deleteAvailabilityWebhookAction = newstoreAction({
  key: "deleteAvailabilityWebhook",
  label: "Delete availability webhook config",
  description: "Removes the availability webhook; NewStore stops asking for ATP.",
  group: "Availability",
  input: z.object({}),
  output: z.object({ deleted: z.boolean().meta({ title: "Deleted", description: "False when there was none." }) }),
  async run({ ctx }) {
    return { deleted: await deleteWebhookConfig(newstoreAccount(ctx.account), ctx.signal) };
  },
});
