// A run's business key (an order number, say): what people search runs by across every flow. The flow's settings name
// it as a template over `trigger`; without one, the trigger's own suggestion applies (order systems suggest the
// order number). It is worked out once, when the run is created, and never fails the run: a key that cannot be
// computed is simply absent.
import { flowGraphSchema } from "@/lib/flow-graph";
import { stringify } from "@/lib/expressions";
import { findOperation } from "../connectors";
import type { DbOrTx } from "../db/client";
import { findBusinessKeyExpression } from "../db/flows.repository";
import { findVersionGraph } from "../db/versions.repository";
import { resolveTemplate } from "./expressions";

export const MAX_BUSINESS_KEY_LENGTH = 200;

// Versions never change, so their trigger's suggestion is read once per process.
const suggestionByVersion = new Map<string, string | null>();
const MAX_CACHED_VERSIONS = 2000;

async function triggerSuggestion(db: DbOrTx, flowVersionId: string): Promise<string | null> {
  const cached = suggestionByVersion.get(flowVersionId);
  if (cached !== undefined) return cached;
  const version = await findVersionGraph(db, flowVersionId);
  const graph = flowGraphSchema.safeParse(version?.graph);
  const node = graph.success ? graph.data.nodes.find((candidate) => candidate.type === "trigger") : undefined;
  const found = node ? findOperation(node.connectorId, node.operation) : undefined;
  const suggestion = found?.kind === "trigger" ? (found.trigger.businessKey ?? null) : null;
  if (suggestionByVersion.size >= MAX_CACHED_VERSIONS) suggestionByVersion.clear();
  suggestionByVersion.set(flowVersionId, suggestion);
  return suggestion;
}

/** The template a run of this flow version takes its key from: the flow's own, else its trigger's suggestion. */
export async function businessKeyTemplate(
  db: DbOrTx,
  run: { flowId: string; flowVersionId: string },
): Promise<string | null> {
  return (await findBusinessKeyExpression(db, run.flowId)) ?? (await triggerSuggestion(db, run.flowVersionId));
}

/** The key a template gives for this trigger data: text, trimmed and cut to length; null when it gives nothing. */
export async function evaluateBusinessKey(template: string, triggerData: unknown): Promise<string | null> {
  try {
    const value = await resolveTemplate(template, { trigger: triggerData, steps: {}, env: {} }, "Business key");
    if (value === undefined || value === null) return null;
    const text = (typeof value === "string" ? value : stringify(value)).trim();
    return text === "" ? null : text.slice(0, MAX_BUSINESS_KEY_LENGTH);
  } catch {
    return null;
  }
}

/**
 * The business key of a run about to be created, or `fallback` (e.g. a polled item's own key) when the flow and its
 * trigger name none or the template gives nothing.
 */
export async function businessKeyFor(
  db: DbOrTx,
  run: { flowId: string; flowVersionId: string; triggerData: unknown },
  fallback: string | null = null,
): Promise<string | null> {
  const template = await businessKeyTemplate(db, run);
  const key = template ? await evaluateBusinessKey(template, run.triggerData) : null;
  return key ?? fallback?.slice(0, MAX_BUSINESS_KEY_LENGTH) ?? null;
}

/**
 * The runs about to be created with their business keys worked out (createRuns calls this, so every trigger gets
 * them). A replay keeps the key of the run it replays, and a test run of a draft needs none; a key a caller gives
 * (a polled item's own key) is the fallback when the flow and its trigger name no template.
 */
export async function withBusinessKeys<
  Run extends {
    flowId: string;
    flowVersionId: string;
    triggerData: unknown;
    businessKey?: string | null;
    replayOfRunId?: string | null;
    isTest?: boolean;
  },
>(db: DbOrTx, runs: readonly Run[]): Promise<Run[]> {
  const keyed: Run[] = [];
  for (const run of runs) {
    if (run.replayOfRunId || run.isTest) keyed.push(run);
    else keyed.push({ ...run, businessKey: await businessKeyFor(db, run, run.businessKey ?? null) });
  }
  return keyed;
}
