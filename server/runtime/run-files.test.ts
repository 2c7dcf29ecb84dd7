// Run files on a real Postgres: stored once per step and name, read back only within their run, capped in size,
// deleted with their run by retention, and downloadable only through the run they belong to.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfluxError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { listRunFiles } from "../db/run-files.repository";
import { getRun } from "../services/runs.service";
import { attachmentDisposition, runFileDownload } from "../services/run-files.service";
import { deleteExpiredRuns } from "./retention";
import { createRunFiles, runFileLimitBytes, safeFileName } from "./run-files";

let t: TestDatabase;
let workspaceId: string;
let flow: { flowId: string; versionId: string };

beforeAll(async () => {
  t = await createTestDatabase();
  workspaceId = (await t.db.workspace.create({ data: { name: "Files" } })).id;
  flow = await seedRunningFlow(t.db, linearGraph({ id: "trigger", connectorId: "core", operation: "manual" }), {
    workspaceId,
  });
});
afterAll(() => t?.drop());

async function newRun(finishedDaysAgo?: number) {
  const at = finishedDaysAgo === undefined ? new Date() : new Date(Date.now() - finishedDaysAgo * 86_400_000);
  const run = await t.db.run.create({
    data: {
      workspaceId,
      flowId: flow.flowId,
      flowVersionId: flow.versionId,
      status: finishedDaysAgo === undefined ? "running" : "succeeded",
      triggerKind: "manual",
      triggerData: {},
      createdAt: at,
      startedAt: at,
      finishedAt: finishedDaysAgo === undefined ? null : at,
    },
  });
  return run.id;
}

const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n${text}\n%%EOF\n`);

describe("run files", () => {
  it("stores a file once per step and name, and reads it back by id within the run", async () => {
    const runId = await newRun();
    const files = createRunFiles(t.db, { workspaceId, runId, stepId: "download" });
    const first = await files.save({ name: "invoiceNote-1.pdf", contentType: "application/pdf", content: pdf("one") });
    // The step runs again after a crash and stores the same document again: still one file, same id.
    const again = await files.save({ name: "invoiceNote-1.pdf", contentType: "application/pdf", content: pdf("two") });
    expect(again.fileId).toBe(first.fileId);
    expect(again.sha256).not.toBe(first.sha256);
    const stored = await listRunFiles(t.db, workspaceId, runId);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ name: "invoiceNote-1.pdf", size: pdf("two").byteLength, stepId: "download" });

    const read = await createRunFiles(t.db, { workspaceId, runId, stepId: "upload" }).read(first.fileId);
    expect(new TextDecoder().decode(read.content)).toContain("two");
  });

  it("never reads or downloads another run's file", async () => {
    const runA = await newRun();
    const runB = await newRun();
    const saved = await createRunFiles(t.db, { workspaceId, runId: runA, stepId: "s" }).save({
      name: "a.pdf",
      contentType: "application/pdf",
      content: pdf("a"),
    });
    await expect(
      createRunFiles(t.db, { workspaceId, runId: runB, stepId: "s" }).read(saved.fileId),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(runFileDownload(t.db, workspaceId, runB, saved.fileId)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const otherWorkspace = (await t.db.workspace.create({ data: { name: "Other" } })).id;
    await expect(runFileDownload(t.db, otherWorkspace, runA, saved.fileId)).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const download = await runFileDownload(t.db, workspaceId, runA, saved.fileId);
    expect(Buffer.from(download.content).toString()).toContain("%PDF");
  });

  it("refuses a file over the cap with a message that names it, its size and the setting", async () => {
    const runId = await newRun();
    const files = createRunFiles(t.db, { workspaceId, runId, stepId: "s" }, 1024 * 1024);
    const error = await files
      .save({ name: "huge.pdf", contentType: "application/pdf", content: new Uint8Array(1024 * 1024 + 1) })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConfluxError);
    expect(error).toMatchObject({ code: "FILE_TOO_LARGE", retryable: false });
    expect(String((error as ConfluxError).message)).toMatch(
      /huge\.pdf is 1\.0 MB, more than the 1\.0 MB .*CONFLUX_RUN_FILE_LIMIT_MB/,
    );
    expect(await listRunFiles(t.db, workspaceId, runId)).toHaveLength(0);
  });

  it("lists a step's files on the run page", async () => {
    const runId = await newRun();
    await t.db.stepRun.create({
      data: {
        workspaceId,
        runId,
        stepId: "docs",
        sequence: 0,
        connectorId: "iom",
        operation: "downloadDocuments",
        status: "succeeded",
      },
    });
    await createRunFiles(t.db, { workspaceId, runId, stepId: "docs" }).save({
      name: "deliveryNote-1.pdf",
      contentType: "application/pdf",
      content: pdf("d"),
    });
    const page = await getRun(t.db, workspaceId, runId);
    expect(page.steps[0]?.files).toEqual([
      expect.objectContaining({
        name: "deliveryNote-1.pdf",
        contentType: "application/pdf",
        size: pdf("d").byteLength,
      }),
    ]);
  });

  it("deletes a run's files with the run when retention removes it", async () => {
    const expired = await newRun(40);
    const kept = await newRun(1);
    for (const runId of [expired, kept]) {
      await createRunFiles(t.db, { workspaceId, runId, stepId: "s" }).save({
        name: "x.pdf",
        contentType: "application/pdf",
        content: pdf(runId),
      });
    }
    await deleteExpiredRuns(t.db, { defaultDays: 30 });
    expect(await t.db.runFile.count({ where: { runId: expired } })).toBe(0);
    expect(await t.db.runFile.count({ where: { runId: kept } })).toBe(1);
  });
});

describe("file names and settings", () => {
  it("keeps names to a plain file name", () => {
    expect(safeFileName("../../etc/passwd")).toBe("passwd");
    expect(safeFileName('in"voice\n.pdf')).toBe("invoice.pdf");
    expect(safeFileName("..")).toBe("file");
    expect(attachmentDisposition("Rechnung März.pdf")).toBe(
      `attachment; filename="Rechnung M_rz.pdf"; filename*=UTF-8''Rechnung%20M%C3%A4rz.pdf`,
    );
  });

  it("reads the cap from CONFLUX_RUN_FILE_LIMIT_MB", () => {
    expect(runFileLimitBytes({})).toBe(20 * 1024 * 1024);
    expect(runFileLimitBytes({ CONFLUX_RUN_FILE_LIMIT_MB: "2" })).toBe(2 * 1024 * 1024);
    expect(() => runFileLimitBytes({ CONFLUX_RUN_FILE_LIMIT_MB: "0" })).toThrow(/CONFLUX_RUN_FILE_LIMIT_MB/);
  });
});
