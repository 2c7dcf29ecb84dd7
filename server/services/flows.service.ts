// What users do to flows: the rules live here, the SQL in the repositories, the transport in the router.
import { describeIssues, emptyFlowGraph, flowGraphSchema, type FlowGraph } from "@/lib/flow-graph";
import { ConflictError, ConfluxError, NotFoundError, ValidationError } from "@/lib/errors";
import { accountModeProblem } from "@/lib/account-fields";
import { findOperation } from "../connectors";
import { findAccountModes } from "../db/accounts.repository";
import type { Db, DbOrTx } from "../db/client";
import * as flows from "../db/flows.repository";
import { activateFlowTrigger, deactivateFlowTrigger, nodeName, validateGraphForStart } from "../runtime";
import type { PollFrom } from "../runtime/poll-cursor";
import { publicOrigin } from "../runtime/public-url";
import { disableWebhookSubscription } from "../runtime/webhook-subscription";
import { findVersionGraph } from "../db/versions.repository";
import { defaultKeyRing, type KeyRingSource } from "../security/keyring";
import { checkDraftInput } from "../security/input-limits";

export function parseGraph(graph: unknown): FlowGraph {
  const result = flowGraphSchema.safeParse(graph);
  if (!result.success) {
    throw new ValidationError(`The flow was not saved: ${describeIssues(result.error, graph)}`, {
      issues: result.error.issues.map((issue) => ({ path: issue.path.map(String), message: issue.message })),
    });
  }
  return result.data;
}

export async function listFlows(db: DbOrTx, workspaceId: string) {
  const rows = await flows.listFlows(db, workspaceId);
  return rows.map(({ runs, publishedVersion, ...flow }) => ({
    ...flow,
    publishedVersionNumber: publishedVersion?.number ?? null,
    lastRun: runs[0] ?? null,
  }));
}

export async function getFlow(db: DbOrTx, workspaceId: string, id: string) {
  const flow = await flows.findFlow(db, workspaceId, id);
  if (!flow) throw new NotFoundError("The flow");
  // A stored draft always passed the schema on save; parsing again gives the caller the typed graph.
  return { ...flow, draft: parseGraph(flow.draft) };
}

export async function createFlow(db: DbOrTx, workspaceId: string, name: string) {
  return flows.insertFlow(db, workspaceId, name, emptyFlowGraph());
}

export async function renameFlow(db: DbOrTx, workspaceId: string, id: string, name: string) {
  if (!(await flows.renameFlow(db, workspaceId, id, name))) throw new NotFoundError("The flow");
}

export async function deleteFlow(db: Db, workspaceId: string, id: string) {
  await db.$transaction(async (tx) => {
    await deactivateFlowTrigger(tx, id);
    if (!(await flows.deleteFlow(tx, workspaceId, id))) throw new NotFoundError("The flow");
  });
}

export async function saveDraft(db: DbOrTx, workspaceId: string, id: string, graph: unknown, baseRevision: number) {
  checkDraftInput(graph);
  const parsed = parseGraph(graph);
  const saved = await flows.saveDraftIfRevision(db, workspaceId, id, parsed, baseRevision);
  if (saved) return saved;
  const current = await flows.findFlow(db, workspaceId, id);
  if (!current) throw new NotFoundError("The flow");
  throw new ConflictError(
    "This flow was changed in another tab or by another user since you opened it. Reload to see their version.",
    { currentRevision: current.draftRevision },
  );
}

/**
 * Steps whose chosen account was deleted, belongs to another application (a flow imported from elsewhere), or is of
 * a connection mode the step's operation cannot use (a Sterling IBM MQ account on a REST action).
 */
async function accountProblems(db: DbOrTx, workspaceId: string, graph: FlowGraph): Promise<string[]> {
  const named = graph.nodes.filter((node) => node.accountId !== undefined);
  if (named.length === 0) return [];
  const found = await findAccountModes(
    db,
    workspaceId,
    named.map((node) => node.accountId ?? ""),
  );
  return named.flatMap((node) => {
    const operation = findOperation(node.connectorId, node.operation);
    const definition = operation?.kind === "trigger" ? operation.trigger : operation?.action;
    // An operation that uses no account ignores one left on its node, so a deleted one blocks nothing.
    if (definition?.account === "none") return [];
    const account = found.get(node.accountId ?? "");
    if (account === undefined)
      return [`Step ${nodeName(node)} uses an account that no longer exists; choose another one`];
    if (account.connectorId !== node.connectorId) {
      return [`Step ${nodeName(node)} uses an account of another application`];
    }
    if (!operation || !definition) return [];
    const problem = accountModeProblem(operation.connector.auth, definition, account);
    return problem ? [`Step ${nodeName(node)}: ${problem}`] : [];
  });
}

/**
 * Publishes the saved draft as an immutable version and activates its trigger, all or nothing. `pollFrom` is the
 * Start dialog's choice for a polling trigger (ignored for other triggers).
 */
export async function startFlow(
  db: Db,
  workspaceId: string,
  id: string,
  options: { pollFrom?: PollFrom; publicOrigin?: string; keys?: KeyRingSource } = {},
) {
  const flow = await getFlow(db, workspaceId, id);
  const problems = [...validateGraphForStart(flow.draft), ...(await accountProblems(db, workspaceId, flow.draft))];
  if (problems.length > 0) {
    throw new ConfluxError("FLOW_INVALID", `The flow cannot start: ${problems.join("; ")}`, {
      details: { problems },
    });
  }
  return db.$transaction(async (tx) => {
    const version = await flows.insertVersion(tx, workspaceId, id, flow.draft);
    await flows.setFlowPublished(tx, workspaceId, id, version.id);
    await activateFlowTrigger(tx, {
      workspaceId,
      flowId: id,
      graph: flow.draft,
      pollFrom: options.pollFrom,
      publicOrigin: options.publicOrigin,
      keys: options.keys,
    });
    return { versionNumber: version.number };
  });
}

/** Stops the flow; a webhook trigger's remote subscription is removed once the stop has committed. */
export async function stopFlow(
  db: Db,
  workspaceId: string,
  id: string,
  options: { publicOrigin?: string; keys?: KeyRingSource } = {},
) {
  const published = await db.$transaction(async (tx) => {
    const flow = await flows.findFlow(tx, workspaceId, id);
    if (!flow) throw new NotFoundError("The flow");
    await flows.setFlowStopped(tx, workspaceId, id);
    await deactivateFlowTrigger(tx, id);
    return flow.status === "running" ? flow.publishedVersion : null;
  });
  const version = published && (await findVersionGraph(db, published.id));
  const graph = version && flowGraphSchema.safeParse(version.graph);
  if (!graph?.success) return;
  await disableWebhookSubscription(db, {
    workspaceId,
    flowId: id,
    graph: graph.data,
    keys: options.keys ?? defaultKeyRing(),
    publicOrigin: options.publicOrigin ?? publicOrigin(),
  });
}
