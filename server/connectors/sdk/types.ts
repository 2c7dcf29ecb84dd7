// The shapes a connector is made of. Plain objects with zod schemas, so that the runtime validates input before a
// run and the manifest builder derives JSON Schema for the designer from the very same declaration.
import type { z } from "zod";
import type { ConnectorAuth } from "@/lib/account-fields";
import type { OperationAccountUse } from "@/lib/account-use";
import type { FlowTemplate } from "@/lib/connector-manifest";
import type { ConnectorRateLimit } from "@/lib/rate-limits";
import type { AccountDeclaration } from "./accounts";
import type { OptionsLoader } from "./options";
import type { RunFiles } from "./run-files";

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
  /**
   * Where the step stores files it produces (run-files.ts). The runtime always provides it; hand-made contexts in
   * tests of actions that store no files may leave it out.
   */
  files?: RunFiles;
}

export interface TestConnectionArgs {
  /** The saved account's id; absent for values not saved yet. */
  accountId?: string;
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
  /**
   * The account connection modes the operation works with (ConnectorAccounts.action sets it); absent: any. The
   * designer and Start refuse a step whose account is of another mode.
   */
  modes?: readonly string[];
  /**
   * Whether the step uses the node's account (lib/account-use.ts); absent: as the connector's accountRequired says.
   * `none` for webhook triggers the remote system calls, authenticated by the flow's secret alone.
   */
  account?: OperationAccountUse;
}

// `run` is declared with method syntax on purpose: method parameters are bivariant, which lets a registry hold
// actions with different input types as `AnyAction` without casts.
export interface ActionDefinition<
  Input extends z.ZodType = z.ZodType,
  Output extends z.ZodType = z.ZodType,
> extends OperationInfo {
  input: Input;
  output: Output;
  /**
   * True for an action that reaches nothing outside the run (no request, no account, no run file): its output comes
   * from its input alone. Its start needs no checkpoint of its own, so it is recorded once, with its outcome, riding
   * with the run's next statement. Run again after a crash, it gives the same output and changes nothing.
   */
  computesOnly?: boolean;
  run(args: { input: z.output<Input>; ctx: ActionContext }): Promise<z.input<Output>>;
}

/**
 * How a trigger makes runs. `manual`, `schedule` and `flowFailed` (another flow's run failed: the alert dispatcher,
 * server/runtime/failure-alerts.ts) are handled by the runtime itself; `poll` and `webhook` triggers add their own
 * functions (poll, subscribe, verify, parse) to this shape.
 */
export type TriggerKind = "manual" | "schedule" | "poll" | "webhook" | "flowFailed";

export interface TriggerDefinition<
  Input extends z.ZodType = z.ZodType,
  Output extends z.ZodType = z.ZodType,
> extends OperationInfo {
  kind: TriggerKind;
  /** The trigger's configuration in the designer (e.g. the schedule); literal values only, never templates. */
  input: Input;
  /** The shape of the data a run starts with, offered to later steps as `trigger`. */
  output: Output;
  /** A typical run's trigger data, offered by "Test flow" and the mapping preview before any real event exists. */
  sample?: z.input<Output>;
  /**
   * What identifies a run of this trigger (an order system's order number), as a template over `trigger`, e.g.
   * `{{ trigger.OrderNo }}`. Used when the flow's settings name no business key of their own.
   */
  businessKey?: string;
}

/** What a Json column can hold; a polling trigger's cursor is stored as one. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** One thing a poll found: a new item, or a new version of an item it found before. */
export interface PolledItem {
  /** Identifies the item in the source system (an order number, a message id); the same key never runs twice... */
  dedupeKey: string;
  /** ...unless its version differs (e.g. its updatedAt): each distinct version of a key makes one run. */
  version?: string;
  /** What the run starts with, offered to later steps as `trigger`. */
  data: unknown;
  /**
   * Set when the item itself is broken (say, a queued message that is not XML or JSON): its run is saved as failed
   * with this message, for the user to read, instead of running the flow on data it cannot use. Saved like any run,
   * so it is neither lost nor polled into a second run.
   */
  failure?: string;
}

export interface PollResult {
  /** New items, OLDEST FIRST: runs are made in this order. */
  items: PolledItem[];
  /**
   * Where the next poll continues; never null (null is what marks the first poll). It must not move past items that
   * this poll did not return (say, because it returned only a first page): those would never be seen again.
   */
  nextCursor: JsonValue;
}

export interface PollArgs<Input> {
  input: Input;
  /** The account chosen on the trigger node, decrypted for this call. */
  account?: ActionAccount;
  /** Null on the first poll; afterwards the nextCursor of the last poll whose runs were saved. */
  cursor: JsonValue | null;
  /**
   * Only on the first poll (cursor null): the time the user chose in Start's "Process items from: since <date>",
   * so return the items changed after it (all of them if the source cannot tell when an item changed). Null means
   * "from now": return no items, only a nextCursor marking what exists now. The runtime makes no runs from a "from
   * now" first poll whatever it returns, so a connector may simply poll as usual.
   */
  since: Date | null;
  /** Aborted on timeout or shutdown; pass it to every remote call. */
  signal: AbortSignal;
  log: Logger;
}

export interface AcknowledgeArgs<Input> {
  input: Input;
  account?: ActionAccount;
  /** Every item of the poll, whether it made a new run or was a duplicate of one saved before. */
  items: PolledItem[];
  signal: AbortSignal;
  log: Logger;
}

/**
 * A trigger the runtime polls every `intervalSeconds`. The runtime saves the runs of a poll's items and its
 * nextCursor in ONE transaction; if that fails, the same cursor is polled again. So a poll must be repeatable: it
 * must not change the source (no "mark as read"), and it may return items the runtime already ran, which it drops
 * by key and version. A failed poll throws a ConfluxError whose message says what went wrong in plain words; the
 * designer shows it and the runtime tries again at the next interval.
 */
export interface PollingTriggerDefinition<
  Input extends z.ZodType = z.ZodType,
  Output extends z.ZodType = z.ZodType,
> extends TriggerDefinition<Input, Output> {
  kind: "poll";
  /**
   * The default interval. Users override it with an `intervalSeconds` field in the trigger's input (add one with
   * pollIntervalField; definePollingTrigger insists on it); never below MIN_POLL_INTERVAL_SECONDS.
   */
  intervalSeconds: number;
  poll(args: PollArgs<z.output<Input>>): Promise<PollResult>;
  /**
   * Optional: called once the runs of a poll's items and its cursor are committed, for sources that consume what
   * they hand over (a queue whose messages must be removed once their runs are safe). Not called when the commit
   * failed or the poll's claim was lost. It may fail or never happen (the worker dies first): the next poll then
   * returns the same items, the runtime drops them as duplicates and acknowledges them again. So what is saved is
   * at least once and deduplicated; acknowledge must be idempotent and tolerate items already gone.
   */
  acknowledge?(args: AcknowledgeArgs<z.output<Input>>): Promise<void>;
}

export type AnyAction = ActionDefinition;
export type AnyTrigger = TriggerDefinition;
export type AnyPollingTrigger = PollingTriggerDefinition;

export interface ConnectorDefinition {
  /** Stored in flow graphs as `connectorId`, so never rename one. */
  id: string;
  name: string;
  description: string;
  /** A lucide icon name. */
  icon: string;
  /**
   * How an account is connected: modes and their fields, rendered as the Connect form. Absent: no accounts.
   * defineConnector derives it from `accounts` when the connector declares its modes with zod (defineAccounts).
   */
  auth?: ConnectorAuth;
  /** The zod declaration of the account modes (sdk/accounts.ts), checked on save besides the form's rules. */
  accounts?: AccountDeclaration;
  /**
   * Checks saved credentials against the real system (Sterling calls getOrderList). Resolves when they work; throws
   * a ConfluxError (usually a RemoteError) whose message says in plain words what went wrong.
   */
  testConnection?(args: TestConnectionArgs): Promise<void>;
  /**
   * How hard one account may be driven, shared by every flow and worker that uses it (an account may override
   * either value). Absent: unlimited. Declare what the vendor documents, or what keeps its API from answering 429.
   */
  rateLimit?: ConnectorRateLimit;
  triggers: AnyTrigger[];
  actions: AnyAction[];
  /**
   * Lists of choices loaded from the remote system for the chosen account, by key. A field names one with the
   * `options` field hint (fields.ts), e.g. `field({ title: "Enterprise code", options: "enterprises" })`.
   */
  optionsLoaders?: Record<string, OptionsLoader>;
  /** Ready-made flows for the templates gallery, built from this connector's own operations (and the Toolbox). */
  templates?: FlowTemplate[];
}
