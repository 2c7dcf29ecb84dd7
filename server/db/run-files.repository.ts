// The files steps stored for their run (RunFile). Every read is scoped by workspace and run, so a file id from one run
// never reaches another run's steps or page.
import type { DbOrTx } from "./client";

export interface RunFileRow {
  id: string;
  stepId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  createdAt: Date;
}

const metadata = {
  id: true,
  stepId: true,
  name: true,
  contentType: true,
  size: true,
  sha256: true,
  createdAt: true,
} as const;

/** Stores a step's file; the same (run, step, name) replaces the earlier content and keeps its id. */
export async function saveRunFile(
  db: DbOrTx,
  file: {
    workspaceId: string;
    runId: string;
    stepId: string;
    name: string;
    contentType: string;
    sha256: string;
    content: Uint8Array<ArrayBuffer>;
  },
): Promise<RunFileRow> {
  const values = { contentType: file.contentType, size: file.content.byteLength, sha256: file.sha256 };
  return db.runFile.upsert({
    where: { runId_stepId_name: { runId: file.runId, stepId: file.stepId, name: file.name } },
    create: {
      ...values,
      workspaceId: file.workspaceId,
      runId: file.runId,
      stepId: file.stepId,
      name: file.name,
      content: file.content,
    },
    update: { ...values, content: file.content, createdAt: new Date() },
    select: metadata,
  });
}

/** What the run page lists: every file of the run, without content, in the order they were stored. */
export async function listRunFiles(db: DbOrTx, workspaceId: string, runId: string): Promise<RunFileRow[]> {
  return db.runFile.findMany({
    where: { workspaceId, runId },
    select: metadata,
    orderBy: [{ createdAt: "asc" }, { name: "asc" }],
  });
}

/** One file with its content, only if it belongs to this run of this workspace. */
export async function findRunFile(
  db: DbOrTx,
  workspaceId: string,
  runId: string,
  fileId: string,
): Promise<(RunFileRow & { content: Uint8Array }) | null> {
  return db.runFile.findFirst({
    where: { id: fileId, workspaceId, runId },
    select: { ...metadata, content: true },
  });
}
