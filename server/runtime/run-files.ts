// The run's file store handed to each action step as ctx.files (connectors/sdk/run-files.ts). Files are capped at
// CONFLUX_RUN_FILE_LIMIT_MB each, so one runaway download cannot fill the database; they go with their run when
// retention deletes it.
import { createHash } from "node:crypto";
import { ConfluxError, NotFoundError } from "@/lib/errors";
import { getConfig, readConfig } from "../boot/config";
import type { RunFileRef, RunFiles } from "../connectors/sdk";
import type { DbOrTx } from "../db/client";
import { findRunFile, saveRunFile, type RunFileRow } from "../db/run-files.repository";

/** The largest file a step may store, from CONFLUX_RUN_FILE_LIMIT_MB (whole MB, default 20). */
export function runFileLimitBytes(env?: Record<string, string | undefined>): number {
  return (env ? readConfig(env) : getConfig()).CONFLUX_RUN_FILE_LIMIT_MB * 1024 * 1024;
}

const MAX_NAME_CHARS = 200;

function describeBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

const refOf = (row: RunFileRow): RunFileRef => ({
  fileId: row.id,
  name: row.name,
  contentType: row.contentType,
  size: row.size,
  sha256: row.sha256,
});

/** A file name safe to store and to offer as a download: no folders, no control characters, not empty. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = [...base]
    .filter((char) => char !== '"' && char.charCodeAt(0) > 0x1f && char.charCodeAt(0) !== 0x7f)
    .join("")
    .trim()
    .slice(0, MAX_NAME_CHARS);
  return cleaned && cleaned !== "." && cleaned !== ".." ? cleaned : "file";
}

export function createRunFiles(
  db: DbOrTx,
  step: { workspaceId: string; runId: string; stepId: string },
  limitBytes: number = runFileLimitBytes(),
): RunFiles {
  return {
    limitBytes,
    async save(file) {
      const name = safeFileName(file.name);
      if (file.content.byteLength > limitBytes) {
        throw new ConfluxError(
          "FILE_TOO_LARGE",
          `${name} is ${describeBytes(file.content.byteLength)}, more than the ${describeBytes(limitBytes)} a run may ` +
            "store per file (CONFLUX_RUN_FILE_LIMIT_MB)",
          { details: { name, size: file.content.byteLength, limit: limitBytes } },
        );
      }
      const content = new Uint8Array(file.content);
      const sha256 = createHash("sha256").update(content).digest("hex");
      const row = await saveRunFile(db, {
        ...step,
        name,
        contentType: file.contentType || "application/octet-stream",
        sha256,
        content,
      });
      return refOf(row);
    },
    async read(fileId) {
      const row = await findRunFile(db, step.workspaceId, step.runId, fileId);
      if (!row) throw new NotFoundError(`File ${fileId} of this run`);
      return { ...refOf(row), content: row.content };
    },
  };
}
