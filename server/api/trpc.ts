import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ConfluxError, type ConfluxErrorJson, type ErrorCode } from "@/lib/errors";
import { z } from "zod";
import { roleAllows, type Access } from "@/lib/roles";
import { recordAudit } from "../services/audit.service";
import type { RequestContext } from "./context";

type TrpcCode = TRPCError["code"];

const trpcCodes: Partial<Record<ErrorCode, TrpcCode>> = {
  VALIDATION: "BAD_REQUEST",
  FLOW_INVALID: "BAD_REQUEST",
  INPUT_INVALID: "BAD_REQUEST",
  EXPRESSION: "BAD_REQUEST",
  NOT_FOUND: "NOT_FOUND",
  CONFLICT: "CONFLICT",
  ACCOUNT_IN_USE: "CONFLICT",
  CREDENTIALS_UNREADABLE: "PRECONDITION_FAILED",
  FLOW_NOT_RUNNING: "PRECONDITION_FAILED",
  UNAVAILABLE: "SERVICE_UNAVAILABLE",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNAUTHENTICATED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
};

/** Every procedure declares who may call it; the role matrix test reads the same declaration. */
export interface ProcedureMeta {
  access: Access | "public";
}

const t = initTRPC
  .context<RequestContext>()
  .meta<ProcedureMeta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      const conflux: ConfluxErrorJson | null = cause instanceof ConfluxError ? cause.toJSON() : null;
      // Internal errors keep their detail in the server log, not in the browser.
      const message =
        conflux || error.code !== "INTERNAL_SERVER_ERROR" ? shape.message : "Something went wrong on the server.";
      return { ...shape, message, data: { ...shape.data, conflux } };
    },
  });

/** Turns the domain's errors into tRPC errors with the matching HTTP status, keeping the user's message. */
const domainErrors = t.middleware(async ({ next, path }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof ConfluxError) {
      throw new TRPCError({ code: trpcCodes[cause.code] ?? "INTERNAL_SERVER_ERROR", message: cause.message, cause });
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") console.error(`tRPC ${path} failed:`, result.error);
  }
  return result;
});

/** Signed in (session or API token), with a role in the workspace that allows the procedure's declared access. */
const authorize = t.middleware(({ ctx, meta, path, next }) => {
  const access = meta?.access;
  if (access === undefined || access === "public") {
    throw new TRPCError({ code: "INTERNAL_SERVER_ERROR", message: `${path} declares no access level.` });
  }
  if (!ctx.principal) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in to continue." });
  if (!roleAllows(ctx.principal.role, access)) {
    throw new TRPCError({
      code: "FORBIDDEN",
      message: `Your role (${ctx.principal.role}) cannot do this in this workspace.`,
    });
  }
  return next({ ctx: { principal: ctx.principal, workspaceId: ctx.principal.workspaceId } });
});

const targetTypes: Record<string, string> = {
  flows: "flow",
  runs: "run",
  accounts: "account",
  members: "member",
  tokens: "token",
  settings: "settings",
};
const auditedInput = z.looseObject({
  id: z.string().optional(),
  flowId: z.string().optional(),
  userId: z.string().optional(),
  name: z.string().optional(),
  email: z.string().optional(),
});
const auditedResult = z.looseObject({ id: z.string().optional(), name: z.string().optional() });

/** Every change that succeeded goes to the audit log, named by its procedure (flows.start, members.changeRole). */
const audit = t.middleware(async ({ ctx, type, path, getRawInput, next }) => {
  const result = await next();
  if (type !== "mutation" || !result.ok || !ctx.principal) return result;
  try {
    const input = auditedInput.safeParse(await getRawInput());
    const output = auditedResult.safeParse(result.data);
    const given = input.success ? input.data : {};
    const made = output.success ? output.data : {};
    await recordAudit(ctx.db, ctx.principal, {
      action: path,
      targetType: targetTypes[path.split(".")[0] ?? ""] ?? "workspace",
      targetId: given.id ?? given.flowId ?? given.userId ?? made.id ?? null,
      targetName: given.name ?? given.email ?? made.name ?? null,
    });
  } catch (error) {
    console.error(`[conflux] Writing the audit event for ${path} failed:`, error);
  }
  return result;
});

export const router = t.router;
const base = t.procedure.use(domainErrors);
/** No sign-in needed: set-up on a fresh install, the invite page, who am I. */
export const publicProcedure = base.meta({ access: "public" });
const authed = base.use(authorize).use(audit);
/** Runs, flows and account names (never a secret): every role. */
export const readProcedure = authed.meta({ access: "read" });
/** Run, replay, cancel, start and stop: operator and up. */
export const operateProcedure = authed.meta({ access: "operate" });
/** Build flows, use and edit accounts, see webhook secrets: editor and up. */
export const buildProcedure = authed.meta({ access: "build" });
/** Members, API tokens, settings, the audit log: admin and up. */
export const adminProcedure = authed.meta({ access: "admin" });
export const createCallerFactory = t.createCallerFactory;
