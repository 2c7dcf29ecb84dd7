import { getSettings, saveOutboundAllowList } from "../../services/settings.service";
import { procedure, router } from "../trpc";
import { outboundAllowListInput } from "./settings.schema";

export const settingsRouter = router({
  get: procedure.query(({ ctx }) => getSettings(ctx)),
  saveOutboundAllowList: procedure
    .input(outboundAllowListInput)
    .mutation(({ ctx, input }) => saveOutboundAllowList(ctx, input.entries)),
});
