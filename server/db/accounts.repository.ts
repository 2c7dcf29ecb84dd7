// Saved accounts. The credentials column is ciphertext (server/security/credentials-cipher.ts); the read functions
// here never select it unless the caller needs to decrypt.
import { z } from "zod";
import type { DbOrTx } from "./client";
import { Prisma } from "./generated/client";

const publicColumns = {
  id: true,
  workspaceId: true,
  connectorId: true,
  name: true,
  mode: true,
  status: true,
  statusMessage: true,
  lastTestedAt: true,
  certificateExpiresAt: true,
  rateLimitPerSecond: true,
  rateLimitConcurrency: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.AccountSelect;

export type AccountRow = Prisma.AccountGetPayload<{ select: typeof publicColumns }>;

export async function listAccounts(db: DbOrTx, workspaceId: string, connectorId?: string): Promise<AccountRow[]> {
  return db.account.findMany({
    where: { workspaceId, connectorId },
    orderBy: [{ connectorId: "asc" }, { name: "asc" }],
    select: publicColumns,
  });
}

/** Which of these accounts exist in the workspace, with their application, to check the accounts a flow names. */
export async function findAccountConnectors(
  db: DbOrTx,
  workspaceId: string,
  ids: readonly string[],
): Promise<Map<string, string>> {
  const rows = await db.account.findMany({
    where: { workspaceId, id: { in: [...ids] } },
    select: { id: true, connectorId: true },
  });
  return new Map(rows.map((row) => [row.id, row.connectorId]));
}

/** Connector, connection mode and name of each named account that exists, for checking the steps that use them. */
export async function findAccountModes(
  db: DbOrTx,
  workspaceId: string,
  ids: readonly string[],
): Promise<Map<string, { connectorId: string; mode: string; name: string }>> {
  const rows = await db.account.findMany({
    where: { workspaceId, id: { in: [...ids] } },
    select: { id: true, connectorId: true, mode: true, name: true },
  });
  return new Map(rows.map(({ id, ...account }) => [id, account]));
}

export async function findAccount(db: DbOrTx, workspaceId: string, id: string): Promise<AccountRow | null> {
  return db.account.findFirst({ where: { id, workspaceId }, select: publicColumns });
}

/** The account with its ciphertext, for the few callers that decrypt (a step, a test, an edit). */
export async function findAccountWithCredentials(db: DbOrTx, workspaceId: string, id: string) {
  return db.account.findFirst({
    where: { id, workspaceId },
    select: { ...publicColumns, credentials: true, keyId: true },
  });
}

/** Every account of the workspace with its ciphertext, for the list (which shows the fields that are not secret). */
export async function listAccountsWithCredentials(db: DbOrTx, workspaceId: string, connectorId?: string) {
  return db.account.findMany({
    where: { workspaceId, connectorId },
    orderBy: [{ connectorId: "asc" }, { name: "asc" }],
    select: { ...publicColumns, credentials: true, keyId: true },
  });
}

export async function insertAccount(
  db: DbOrTx,
  data: { id: string; workspaceId: string; connectorId: string; name: string; mode: string } & SealedColumns &
    Partial<RateLimitColumns>,
): Promise<AccountRow> {
  return db.account.create({ data, select: publicColumns });
}

/** An account's overrides of its connector's rate limit; null keeps the connector's default. */
export interface RateLimitColumns {
  rateLimitPerSecond: number | null;
  rateLimitConcurrency: number | null;
}

export interface SealedColumns {
  credentials: Uint8Array<ArrayBuffer>;
  keyId: string;
  certificateExpiresAt: Date | null;
}

export async function updateAccount(
  db: DbOrTx,
  workspaceId: string,
  id: string,
  data: Partial<{
    name: string;
    mode: string;
    status: string;
    statusMessage: string | null;
    lastTestedAt: Date | null;
  }> &
    Partial<SealedColumns> &
    Partial<RateLimitColumns>,
): Promise<boolean> {
  const { count } = await db.account.updateMany({ where: { id, workspaceId }, data });
  return count === 1;
}

export async function deleteAccount(db: DbOrTx, workspaceId: string, id: string): Promise<boolean> {
  const { count } = await db.account.deleteMany({ where: { id, workspaceId } });
  return count === 1;
}

/** The next accounts after `afterId` (in id order) not yet sealed under `currentKeyId`, for key rotation. */
export async function listAccountsToReseal(db: DbOrTx, currentKeyId: string, afterId: string, take: number) {
  return db.account.findMany({
    where: { id: { gt: afterId }, OR: [{ keyId: { not: currentKeyId } }, { keyId: null }] },
    orderBy: { id: "asc" },
    take,
    select: { id: true, workspaceId: true, name: true, credentials: true, keyId: true },
  });
}

export async function findAccountSealing(db: DbOrTx, id: string) {
  return db.account.findUnique({
    where: { id },
    select: { id: true, workspaceId: true, name: true, credentials: true, keyId: true },
  });
}

/** Replaces the ciphertext only if it is still the one that was read, so a concurrent edit is never overwritten. */
export async function replaceCiphertextIfUnchanged(
  db: DbOrTx,
  id: string,
  expected: { keyId: string | null; credentials: Uint8Array<ArrayBuffer> | null },
  next: { keyId: string; credentials: Uint8Array<ArrayBuffer> },
): Promise<boolean> {
  const { count } = await db.account.updateMany({
    where: { id, keyId: expected.keyId, credentials: expected.credentials ?? undefined },
    data: next,
  });
  return count === 1;
}

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

const referenceSchema = z.object({
  accountId: z.string(),
  flowId: z.string(),
  flowName: z.string(),
  status: z.enum(["draft", "running", "stopped"]),
});
export type AccountReference = z.infer<typeof referenceSchema>;

/**
 * Which flows name which accounts, in their draft or their published version (what a running flow executes). The
 * graphs are searched in SQL so that listing accounts does not ship every flow's graph to the server.
 */
export async function listAccountReferences(
  db: DbOrTx,
  workspaceId: string,
  accountIds?: readonly string[],
): Promise<AccountReference[]> {
  const onlyThese = accountIds ? Prisma.sql`AND node->>'accountId' = ANY(${[...accountIds]})` : Prisma.empty;
  const raw = await db.$queryRaw`
    SELECT DISTINCT node->>'accountId' AS "accountId", f.id AS "flowId", f.name AS "flowName", f.status::text AS status
    FROM "Flow" f
    LEFT JOIN "FlowVersion" v ON v.id = f."publishedVersionId"
    CROSS JOIN LATERAL (
      SELECT jsonb_array_elements(CASE WHEN jsonb_typeof(f.draft->'nodes') = 'array' THEN f.draft->'nodes' END) AS node
      UNION ALL
      SELECT jsonb_array_elements(CASE WHEN jsonb_typeof(v.graph->'nodes') = 'array' THEN v.graph->'nodes' END)
    ) nodes
    WHERE f."workspaceId" = ${workspaceId} AND jsonb_typeof(node->'accountId') = 'string' ${onlyThese}
    ORDER BY f.name, f.id`;
  return z.array(referenceSchema).parse(raw);
}
