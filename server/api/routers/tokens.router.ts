import { createApiToken, listApiTokens, revokeApiToken } from "../../services/api-tokens.service";
import { adminProcedure, router } from "../trpc";
import { createTokenInput, tokenIdInput } from "./admin.schema";

export const tokensRouter = router({
  list: adminProcedure.query(({ ctx }) => listApiTokens(ctx.db, ctx.workspaceId)),
  /** The token itself is in this answer only: it is stored as a hash. */
  create: adminProcedure
    .input(createTokenInput)
    .mutation(({ ctx, input }) => createApiToken(ctx.db, ctx.workspaceId, input, ctx.principal)),
  revoke: adminProcedure
    .input(tokenIdInput)
    .mutation(({ ctx, input }) => revokeApiToken(ctx.db, ctx.workspaceId, input.id)),
});
