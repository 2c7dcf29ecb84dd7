import { getSettings, saveOutboundAllowList } from "../../services/settings.service";
import { adminProcedure, readProcedure, router } from "../trpc";
import { outboundAllowListInput } from "./settings.schema";

export const settingsRouter = router({
  get: readProcedure.query(({ ctx }) => getSettings(ctx)),
  saveOutboundAllowList: adminProcedure
    .input(outboundAllowListInput)
    .mutation(({ ctx, input }) => saveOutboundAllowList(ctx, input.entries)),
});
