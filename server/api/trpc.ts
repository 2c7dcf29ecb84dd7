import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { ConfluxError, type ConfluxErrorJson, type ErrorCode } from "@/lib/errors";
import type { ApiContext } from "./context";

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
};

const t = initTRPC.context<ApiContext>().create({
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

export const router = t.router;
export const procedure = t.procedure.use(domainErrors);
export const createCallerFactory = t.createCallerFactory;
