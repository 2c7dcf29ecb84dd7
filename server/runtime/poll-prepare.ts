// Everything a poll needs before it calls out: the published trigger node, its polling trigger, its parsed input,
// its decrypted account and the interval. What fails here is either the user's to fix (a broken input, a deleted
// account: recorded as the trigger's last error, tried again next interval) or a flow that cannot poll at all.
import { z } from "zod";
import { flowGraphSchema, type FlowNode } from "@/lib/flow-graph";
import { ConfluxError } from "@/lib/errors";
import { loadStepAccount, type StepAccount } from "../accounts/step-account";
import { findOperation } from "../connectors";
import { isPollingTrigger, pollIntervalSeconds, type AnyPollingTrigger, type JsonValue } from "../connectors/sdk";
import type { Db } from "../db/client";
import { defaultKeyRing, type KeyRingSource } from "../security/keyring";
import { createRedactor, type Redactor } from "../security/redact";
import { parseInputs } from "./inputs";
import { nodeName } from "./plan";
import { findTriggerNode } from "./triggers";
import { resolveAccountLimit, type AccountLimit } from "./rate-limit";

/** The flow cannot poll (not running, or its trigger is not a polling one): polling is switched off. */
export class PollNotPossible extends ConfluxError {
  constructor(message: string) {
    super("FLOW_INVALID", message);
  }
}

export interface PreparedPoll {
  trigger: AnyPollingTrigger;
  node: FlowNode;
  versionId: string;
  input: unknown;
  account?: StepAccount;
  /** The account's rate limit: a poll is a call on the account like any step's. */
  limit?: AccountLimit;
  intervalSeconds: number;
  /** Hides the account's secrets in what is stored or logged (items, errors, log lines). */
  redactor: Redactor;
}

const nextCursorSchema: z.ZodType<JsonValue> = z.json().refine((value) => value !== null, "must not be null");

/** What a connector's poll must return; checked because a broken connector must not corrupt the cursor. */
export const pollResultSchema = z.object({
  items: z.array(
    z.object({
      dedupeKey: z.string().min(1).max(1000),
      version: z.string().max(1000).optional(),
      data: z.unknown(),
      failure: z.string().min(1).max(2000).optional(),
    }),
  ),
  nextCursor: nextCursorSchema,
});

export async function preparePoll(
  db: Db,
  row: { workspaceId: string; status: string; publishedVersionId: string | null; graph: unknown },
  keys: KeyRingSource | undefined,
): Promise<PreparedPoll> {
  const graph = flowGraphSchema.safeParse(row.graph);
  const node = graph.success ? findTriggerNode(graph.data) : undefined;
  if (row.status !== "running" || !row.publishedVersionId || !node)
    throw new PollNotPossible("the flow is not running");
  const found = findOperation(node.connectorId, node.operation);
  if (!found || found.kind !== "trigger" || !isPollingTrigger(found.trigger)) {
    throw new PollNotPossible(`the trigger ${nodeName(node)} is not a polling trigger`);
  }
  const trigger = found.trigger;
  const stepName = `the trigger ${nodeName(node)}`;
  const input = parseInputs(trigger.input, node.inputs, stepName);
  const account = node.accountId
    ? await loadStepAccount(db, {
        workspaceId: row.workspaceId,
        accountId: node.accountId,
        connector: found.connector,
        keys: keys ?? defaultKeyRing(),
        stepName: `The trigger ${nodeName(node)}`,
      })
    : undefined;
  const limit = node.accountId
    ? await resolveAccountLimit(db, {
        workspaceId: row.workspaceId,
        accountId: node.accountId,
        connector: found.connector,
      })
    : undefined;
  return {
    trigger,
    node,
    versionId: row.publishedVersionId,
    input,
    account,
    limit,
    intervalSeconds: pollIntervalSeconds(trigger, input),
    redactor: createRedactor(account?.secrets ?? []),
  };
}
