import { changeMemberRole, listMembers, removeMember, revokeInvite } from "../../services/members.service";
import { invitePerson } from "../../services/people.service";
import { adminProcedure, router } from "../trpc";
import { changeRoleInput, inviteIdInput, inviteInput, memberIdInput } from "./auth.schema";

export const membersRouter = router({
  list: adminProcedure.query(({ ctx }) => listMembers(ctx.db, ctx.workspaceId)),
  /** The link is shown once to the admin and printed to the server log (no mail is configured). */
  invite: adminProcedure.input(inviteInput).mutation(({ ctx, input }) =>
    invitePerson(ctx.db, ctx.workspaceId, input, {
      userId: ctx.principal.userId,
      origin: ctx.publicOrigin ?? "",
    }),
  ),
  revokeInvite: adminProcedure
    .input(inviteIdInput)
    .mutation(({ ctx, input }) => revokeInvite(ctx.db, ctx.workspaceId, input.id)),
  changeRole: adminProcedure
    .input(changeRoleInput)
    .mutation(({ ctx, input }) => changeMemberRole(ctx.db, ctx.workspaceId, ctx.principal.role, input)),
  remove: adminProcedure
    .input(memberIdInput)
    .mutation(({ ctx, input }) => removeMember(ctx.db, ctx.workspaceId, ctx.principal.role, input.userId)),
});
