// The one error hierarchy: every error a user can see carries a message written for them, a stable code, and
// whether trying again could help. Anything else that escapes is an internal error and is reported as such.

export type ErrorCode =
  | "VALIDATION"
  | "NOT_FOUND"
  | "CONFLICT"
  | "FLOW_INVALID"
  | "FLOW_NOT_RUNNING"
  | "INPUT_INVALID"
  | "EXPRESSION"
  | "NETWORK"
  | "TIMEOUT"
  | "REMOTE"
  | "RATE_LIMITED"
  | "CANCELLED"
  | "UNAVAILABLE"
  | "ACCOUNT_IN_USE"
  | "CREDENTIALS_UNREADABLE"
  | "FILE_TOO_LARGE"
  | "PAYLOAD_TOO_LARGE"
  | "OUTBOUND_REFUSED"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "WORKER_STOPPED"
  | "INTERNAL";

export interface ConfluxErrorJson {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  details?: Record<string, unknown>;
}

export class ConfluxError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryable?: boolean; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.retryable = options.retryable ?? false;
    this.details = options.details;
  }

  toJSON(): ConfluxErrorJson {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.details ? { details: this.details } : {}),
    };
  }
}

export class ValidationError extends ConfluxError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("VALIDATION", message, { details });
  }
}

export class NotFoundError extends ConfluxError {
  constructor(what: string) {
    super("NOT_FOUND", `${what} was not found`);
  }
}

export class ConflictError extends ConfluxError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("CONFLICT", message, { details });
  }
}

/** Nobody is signed in (no session cookie, no valid API token). */
export class UnauthenticatedError extends ConfluxError {
  constructor(message = "Sign in to continue.") {
    super("UNAUTHENTICATED", message);
  }
}

/** Signed in, but the role in this workspace does not allow it. */
export class ForbiddenError extends ConfluxError {
  constructor(message: string) {
    super("FORBIDDEN", message);
  }
}

/** A remote system answered, or could not be reached; retryable follows the runtime's retry rules. */
export class RemoteError extends ConfluxError {
  readonly status?: number;

  constructor(
    code: Extract<ErrorCode, "NETWORK" | "TIMEOUT" | "REMOTE" | "RATE_LIMITED">,
    message: string,
    options: { status?: number; retryable: boolean; details?: Record<string, unknown>; cause?: unknown },
  ) {
    super(code, message, options);
    this.status = options.status;
  }
}

/** Turns anything thrown into the shape stored in run history and shown to users. */
export function toErrorJson(error: unknown): ConfluxErrorJson {
  if (error instanceof ConfluxError) return error.toJSON();
  const message = error instanceof Error ? error.message : String(error);
  return { code: "INTERNAL", message: message || "Unexpected error", retryable: false };
}

/** Errors come back out of Json columns as plain values; this reads them back into the stored shape. */
export function readErrorJson(value: unknown): (ConfluxErrorJson & { stepId?: string }) | null {
  if (typeof value !== "object" || value === null) return null;
  const record: Record<string, unknown> = { ...value };
  const message = typeof record.message === "string" ? record.message : null;
  if (!message) return null;
  const code = typeof record.code === "string" ? record.code : "INTERNAL";
  return {
    code: isErrorCode(code) ? code : "INTERNAL",
    message,
    retryable: record.retryable === true,
    ...(typeof record.stepId === "string" ? { stepId: record.stepId } : {}),
    ...(typeof record.details === "object" && record.details !== null ? { details: { ...record.details } } : {}),
  };
}

const errorCodes: ReadonlySet<string> = new Set<ErrorCode>([
  "VALIDATION",
  "NOT_FOUND",
  "CONFLICT",
  "FLOW_INVALID",
  "FLOW_NOT_RUNNING",
  "INPUT_INVALID",
  "EXPRESSION",
  "NETWORK",
  "TIMEOUT",
  "REMOTE",
  "RATE_LIMITED",
  "CANCELLED",
  "UNAVAILABLE",
  "ACCOUNT_IN_USE",
  "CREDENTIALS_UNREADABLE",
  "FILE_TOO_LARGE",
  "PAYLOAD_TOO_LARGE",
  "OUTBOUND_REFUSED",
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "WORKER_STOPPED",
  "INTERNAL",
]);

function isErrorCode(code: string): code is ErrorCode {
  return errorCodes.has(code);
}
