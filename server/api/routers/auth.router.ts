import { oidcSettings } from "../../auth/auth";
import { membershipsOf } from "../../auth/principal";
import { recordSignInEventSafely, type RequestClient } from "../../auth/sign-in-audit";
import { acceptInvite, describeInvite, needsSetup, setUpOwner } from "../../services/people.service";
import { publicProcedure, readProcedure, router } from "../trpc";
import { acceptInviteInput, inviteTokenInput, setupInput } from "./auth.schema";

const clientOf = (ctx: { client?: RequestClient }): RequestClient => ctx.client ?? { ip: null, userAgent: null };

export const authRouter = router({
  /** What the sign-in pages need before anyone signs in: whether to set up, and the company sign-in's name. */
  status: publicProcedure.query(async ({ ctx }) => {
    const oidc = oidcSettings();
    return { needsSetup: await needsSetup(ctx.db), oidcName: oidc?.name ?? null };
  }),
  /** The signed-in person, their role here and their workspaces (the sidebar's menu and switcher). */
  me: readProcedure.query(async ({ ctx }) => {
    const memberships = ctx.principal.userId ? await membershipsOf(ctx.db, ctx.principal.userId) : [];
    return {
      label: ctx.principal.label,
      kind: ctx.principal.kind,
      role: ctx.principal.role,
      workspaceId: ctx.workspaceId,
      workspaces: memberships.map((item) => ({ ...item.workspace, role: item.role })),
    };
  }),
  /** The first person on a fresh install becomes owner; refused once anyone exists. */
  setup: publicProcedure.input(setupInput).mutation(async ({ ctx, input }) => {
    const owner = await setUpOwner(ctx.db, input);
    await recordSignInEventSafely(ctx.db, {
      action: "auth.setup",
      ...owner,
      email: input.email,
      client: clientOf(ctx),
    });
    return { email: input.email };
  }),
  invite: publicProcedure.input(inviteTokenInput).query(({ ctx, input }) => describeInvite(ctx.db, input.token)),
  acceptInvite: publicProcedure.input(acceptInviteInput).mutation(async ({ ctx, input }) => {
    const accepted = await acceptInvite(ctx.db, input, ctx.principal?.userId ?? null);
    await recordSignInEventSafely(ctx.db, { action: "auth.acceptInvite", ...accepted, client: clientOf(ctx) });
    return accepted;
  }),
});
