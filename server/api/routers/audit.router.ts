import { getAuditRetention, listAuditEvents, setAuditRetention } from "../../services/audit-log.service";
import { adminProcedure, router } from "../trpc";
import { auditListInput, auditRetentionInput } from "./admin.schema";

export const auditRouter = router({
  list: adminProcedure
    .input(auditListInput)
    .query(({ ctx, input }) => listAuditEvents(ctx.db, ctx.workspaceId, input.filter, input.cursor)),
  retention: adminProcedure.query(({ ctx }) => getAuditRetention(ctx.db, ctx.workspaceId)),
  setRetention: adminProcedure
    .input(auditRetentionInput)
    .mutation(({ ctx, input }) => setAuditRetention(ctx.db, ctx.workspaceId, input.days)),
});
