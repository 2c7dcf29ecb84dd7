// Reading the audit log (filters, pages, CSV) and keeping it: each workspace's auditRetentionDays, applied by the
// worker's retention pass.
import { stringify } from "csv-stringify/sync";
import { z } from "zod";
import type { Db } from "../db/client";

export const AUDIT_PAGE = 100;
export const MAX_AUDIT_RETENTION_DAYS = 3650;

export const auditFilterSchema = z.object({
  /** Part of the actor's name or e-mail, or a token's name. */
  actor: z.string().trim().max(200).optional(),
  /** A procedure name or its start ("flows.", "members.changeRole"). */
  action: z.string().trim().max(100).optional(),
  targetType: z.enum(["flow", "run", "account", "member", "token", "settings", "workspace", "person"]).optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
});
export type AuditFilter = z.infer<typeof auditFilterSchema>;

function where(workspaceId: string, filter: AuditFilter) {
  return {
    workspaceId,
    ...(filter.actor ? { actor: { contains: filter.actor, mode: "insensitive" as const } } : {}),
    ...(filter.action ? { action: { startsWith: filter.action } } : {}),
    ...(filter.targetType ? { targetType: filter.targetType } : {}),
    ...(filter.from || filter.to ? { createdAt: { gte: filter.from, lte: filter.to } } : {}),
  };
}

/** Newest first, a page at a time; `before` is the last id of the previous page. */
export async function listAuditEvents(db: Db, workspaceId: string, filter: AuditFilter, before?: string) {
  const events = await db.auditEvent.findMany({
    where: where(workspaceId, filter),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: AUDIT_PAGE + 1,
    ...(before ? { cursor: { id: before }, skip: 1 } : {}),
  });
  const page = events.slice(0, AUDIT_PAGE);
  return { events: page, nextCursor: events.length > AUDIT_PAGE ? (page.at(-1)?.id ?? null) : null };
}

const CSV_COLUMNS = [
  "createdAt",
  "actor",
  "action",
  "targetType",
  "targetId",
  "targetName",
  "ip",
  "userAgent",
] as const;

/** The matching events as CSV (newest first), at most `limit` of them. */
export async function auditCsv(db: Db, workspaceId: string, filter: AuditFilter, limit = 100_000): Promise<string> {
  const events = await db.auditEvent.findMany({
    where: where(workspaceId, filter),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit,
  });
  return stringify(
    events.map((event) =>
      CSV_COLUMNS.map((column) => (column === "createdAt" ? event.createdAt.toISOString() : (event[column] ?? ""))),
    ),
    { header: true, columns: [...CSV_COLUMNS] },
  );
}

export async function getAuditRetention(db: Db, workspaceId: string): Promise<{ days: number }> {
  const row = await db.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { auditRetentionDays: true },
  });
  return { days: row.auditRetentionDays };
}

export async function setAuditRetention(db: Db, workspaceId: string, days: number): Promise<{ days: number }> {
  await db.workspace.update({ where: { id: workspaceId }, data: { auditRetentionDays: days } });
  return { days };
}

/** Deletes every workspace's audit events older than its auditRetentionDays; returns how many. */
export async function deleteExpiredAuditEvents(db: Db): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "AuditEvent" e USING "Workspace" w
    WHERE e."workspaceId" = w.id AND e."createdAt" < now() - make_interval(days => w."auditRetentionDays")`;
}
