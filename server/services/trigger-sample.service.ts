// "Fetch a sample" for polling triggers: with the account chosen on the trigger, the trigger polls once in sample
// mode (no cursor read or saved, no runs made) for what changed in the last days, and the first item becomes the
// trigger's sample, kept beside the captured test events (SampleListener) for Test and Run now with data. A remote
// failure keeps its plain message, with the account's secrets taken out.
import { ConfluxError } from "@/lib/errors";
import { loadStepAccount } from "../accounts/step-account";
import { findOperation } from "../connectors";
import { isPollingTrigger } from "../connectors/sdk";
import type { Db } from "../db/client";
import { saveFetchedSample } from "../db/sample-listeners.repository";
import { parseInputs } from "../runtime/inputs";
import { pollResultSchema } from "../runtime/poll-prepare";
import { POLL_TIMEOUT_MS } from "../runtime/poller";
import { resolveAccountLimit, withAccountLimit } from "../runtime/rate-limit";
import type { KeyRingSource } from "../security/keyring";
import { createRedactor } from "../security/redact";
import { newWebhookId } from "../security/webhook-secret";
import { withWorkspaceOutbound } from "../security/workspace-outbound";
import { getFlow } from "./flows.service";

/** How far back "Fetch a sample" looks. */
export const SAMPLE_LOOKBACK_DAYS = 7;

export interface FetchedTrigger {
  connectorId: string;
  operation: string;
  inputs: Record<string, unknown>;
  accountId?: string;
}

export type FetchedSample =
  { found: true; data: unknown; capturedAt: Date; itemCount: number } | { found: false; message: string };

export async function fetchTriggerSample(
  ctx: { db: Db; keys: KeyRingSource; workspaceId: string },
  flowId: string,
  chosen: FetchedTrigger,
  options: { now?: Date; signal?: AbortSignal } = {},
): Promise<FetchedSample> {
  await getFlow(ctx.db, ctx.workspaceId, flowId);
  const found = findOperation(chosen.connectorId, chosen.operation);
  if (found?.kind !== "trigger" || !isPollingTrigger(found.trigger)) {
    throw new ConfluxError("VALIDATION", "Only polling triggers can fetch a sample.");
  }
  const { connector, trigger } = found;
  const input = parseInputs(trigger.input, chosen.inputs, `the trigger ${trigger.label}`);
  if (!chosen.accountId && connector.auth?.accountRequired) {
    throw new ConfluxError("INPUT_INVALID", `Choose a ${connector.name} account first: the sample comes from it.`);
  }
  const account = chosen.accountId
    ? await loadStepAccount(ctx.db, {
        workspaceId: ctx.workspaceId,
        accountId: chosen.accountId,
        connector,
        keys: ctx.keys,
        stepName: "The trigger",
      })
    : undefined;
  const limit = account
    ? await resolveAccountLimit(ctx.db, { workspaceId: ctx.workspaceId, accountId: account.account.id, connector })
    : undefined;
  const now = options.now ?? new Date();
  const signal = AbortSignal.any([AbortSignal.timeout(POLL_TIMEOUT_MS), ...(options.signal ? [options.signal] : [])]);
  const redactor = createRedactor(account?.secrets ?? []);
  const log = { info: () => {}, warn: () => {}, error: () => {} };
  // A first poll from a date, as Start's "Process items from: since" makes it; its cursor is simply dropped.
  const poll = () =>
    withWorkspaceOutbound(ctx.db, ctx.workspaceId, () =>
      trigger.poll({
        input,
        account: account?.account,
        cursor: null,
        since: new Date(now.getTime() - SAMPLE_LOOKBACK_DAYS * 24 * 3600_000),
        signal,
        log,
      }),
    );
  let result;
  try {
    const raw = limit
      ? await withAccountLimit(ctx.db, { ...limit, holder: `sample:${flowId}`, signal }, poll)
      : await poll();
    result = pollResultSchema.parse(raw);
  } catch (error) {
    if (!(error instanceof ConfluxError)) throw error;
    throw new ConfluxError(error.code, redactor.text(error.message), { retryable: error.retryable });
  }
  const item = result.items.find((candidate) => candidate.failure === undefined);
  if (!item) {
    const broken = result.items[0]?.failure;
    return {
      found: false,
      message: broken
        ? `${trigger.label} found an item it cannot read: ${redactor.text(broken)}`
        : `Nothing found in the last ${SAMPLE_LOOKBACK_DAYS} days. Make a change in ${connector.name} that this trigger reacts to, then fetch again.`,
    };
  }
  await saveFetchedSample(
    ctx.db,
    {
      id: newWebhookId(),
      workspaceId: ctx.workspaceId,
      flowId,
      connectorId: chosen.connectorId,
      operation: chosen.operation,
      inputs: chosen.inputs,
    },
    item.data,
    now,
  );
  return { found: true, data: item.data, capturedAt: now, itemCount: result.items.length };
}
