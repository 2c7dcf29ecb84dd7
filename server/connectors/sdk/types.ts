// The shapes a connector is made of. Plain objects with zod schemas, so that the runtime validates input before a
// run and the manifest builder derives JSON Schema for the designer from the very same declaration.
import type { z } from "zod";
import type { ConnectorAuth } from "@/lib/account-fields";

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** The saved account a step uses, decrypted for the duration of the call; never returned, logged or stored. */
export interface ActionAccount {
  id: string;
  /** Which of the connector's connection modes the credentials are for. */
  mode: string;
  /** Field key to value, as declared by the mode (secrets included). */
  credentials: Readonly<Record<string, string>>;
}

/** What the runtime hands every action besides its input. */
export interface ActionContext {
  /** `runId:stepId`: the same on every re-delivery of the step, so remote systems can drop a duplicate call. */
  idempotencyKey: string;
  /** Aborted when the worker shuts down or the run is cancelled; pass it to every remote call. */
  signal: AbortSignal;
  log: Logger;
  runId: string;
  stepId: string;
  /** The account chosen on the node, if any. */
  account?: ActionAccount;
}

export interface TestConnectionArgs {
  mode: string;
  credentials: Readonly<Record<string, string>>;
  signal: AbortSignal;
}

interface OperationInfo {
  /** Unique within the connector; stored in flow graphs as `operation`, so never rename one. */
  key: string;
  label: string;
  description: string;
  /** How the vendor groups its events and actions, e.g. "Orders". */
  group: string;
}

// `run` is declared with method syntax on purpose: method parameters are bivariant, which lets a registry hold
// actions with different input types as `AnyAction` without casts.
export interface ActionDefinition<Input extends z.ZodType = z.ZodType, Output extends z.ZodType = z.ZodType>
  extends OperationInfo {
  input: Input;
  output: Output;
  run(args: { input: z.output<Input>; ctx: ActionContext }): Promise<z.input<Output>>;
}

/**
 * How a trigger makes runs. `manual` and `schedule` are handled by the runtime itself; `poll` and `webhook`
 * triggers will add their own functions (poll, subscribe, verify, parse) to this shape.
 */
export type TriggerKind = "manual" | "schedule" | "poll" | "webhook";

export interface TriggerDefinition<Input extends z.ZodType = z.ZodType, Output extends z.ZodType = z.ZodType>
  extends OperationInfo {
  kind: TriggerKind;
  /** The trigger's configuration in the designer (e.g. the schedule); literal values only, never templates. */
  input: Input;
  /** The shape of the data a run starts with, offered to later steps as `trigger`. */
  output: Output;
}

export type AnyAction = ActionDefinition;
export type AnyTrigger = TriggerDefinition;

export interface ConnectorDefinition {
  /** Stored in flow graphs as `connectorId`, so never rename one. */
  id: string;
  name: string;
  description: string;
  /** A lucide icon name. */
  icon: string;
  /** How an account is connected: modes and their fields, rendered as the Connect form. Absent: no accounts. */
  auth?: ConnectorAuth;
  /**
   * Checks saved credentials against the real system (Sterling calls getOrderList). Resolves when they work; throws
   * a ConfluxError (usually a RemoteError) whose message says in plain words what went wrong.
   */
  testConnection?(args: TestConnectionArgs): Promise<void>;
  triggers: AnyTrigger[];
  actions: AnyAction[];
}
