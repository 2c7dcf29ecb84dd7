// A flow's business key setting (Flow settings): the template its runs' keys come from, and the suggestion of its
// trigger (order systems suggest the order number), which applies while the flow names none.
import { NotFoundError, ValidationError } from "@/lib/errors";
import { flowGraphSchema } from "@/lib/flow-graph";
import { isTemplate } from "@/lib/templates";
import { findOperation } from "../connectors";
import type { DbOrTx } from "../db/client";
import { checkTemplates } from "../runtime/expressions";
import { findTriggerNode } from "../runtime/triggers";

export async function getBusinessKeySetting(db: DbOrTx, workspaceId: string, flowId: string) {
  const flow = await db.flow.findFirst({
    where: { id: flowId, workspaceId },
    select: { businessKeyExpression: true, draft: true },
  });
  if (!flow) throw new NotFoundError("The flow");
  const graph = flowGraphSchema.safeParse(flow.draft);
  const node = graph.success ? findTriggerNode(graph.data) : undefined;
  const found = node ? findOperation(node.connectorId, node.operation) : undefined;
  return {
    expression: flow.businessKeyExpression,
    /** What the trigger proposes (used while `expression` is null). */
    suggestion: found?.kind === "trigger" ? (found.trigger.businessKey ?? null) : null,
  };
}

export async function setBusinessKeySetting(
  db: DbOrTx,
  workspaceId: string,
  flowId: string,
  expression: string | null,
) {
  if (expression !== null) {
    if (!isTemplate(expression)) {
      throw new ValidationError(
        "Write the business key as a template over the trigger, e.g. {{ trigger.body.orderNo }}.",
      );
    }
    const problems = checkTemplates(expression, "Business key");
    if (problems.length > 0) throw new ValidationError(problems.join("; "));
  }
  const { count } = await db.flow.updateMany({
    where: { id: flowId, workspaceId },
    data: { businessKeyExpression: expression },
  });
  if (count !== 1) throw new NotFoundError("The flow");
  return getBusinessKeySetting(db, workspaceId, flowId);
}
