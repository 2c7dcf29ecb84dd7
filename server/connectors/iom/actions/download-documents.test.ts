// Download documents on a real Postgres, run by the executor against the simulated IOM: every document of the order
// (or the types asked for) is fetched from its DocumentServlet link and stored once as a file of the run; credentials
// go only to the IOM server itself.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { basicAccount, sampleExport, startSampleIom } from "@/test/connectors/iom";
import { failure, runAction } from "@/test/connectors/sterling";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { recordingRetryPolicy } from "@/test/runtime/execute-fixtures";
import { ensureDefaultWorkspace } from "@/server/db/workspaces.repository";
import { executeRun } from "@/server/runtime/executor";
import { createRunFiles } from "@/server/runtime/run-files";
import * as accounts from "@/server/services/accounts.service";
import { downloadDocument } from "../documents";
import type { IomSimulator } from "../simulator";
import { downloadDocumentsAction } from "./download-documents";
import { exportOrderAction } from "./export-order";
import { listenOnLoopback } from "@/test/local-server";

let t: TestDatabase;
let iom: IomSimulator;
let workspaceId: string;
let accountId: string;
const keys = testKeyRing();

beforeAll(async () => {
  t = await createTestDatabase();
  iom = await startSampleIom();
  workspaceId = await ensureDefaultWorkspace(t.db);
  const { mode, credentials } = basicAccount(iom.url);
  accountId = (
    await accounts.createAccount(
      { db: t.db, keys, workspaceId },
      { connectorId: "iom", name: "IOM simulator", mode, values: credentials, test: false },
    )
  ).id;
});
afterAll(async () => {
  await iom?.close();
  await t?.drop();
});

const exportOrder = (number: string) => runAction(exportOrderAction, sampleExport(number), basicAccount(iom.url));

/** Runs "manual trigger → Download documents" through the executor and returns the run with steps and files. */
async function runDownload(inputs: Record<string, unknown>) {
  const graph = linearGraph(
    { id: "start", connectorId: "core", operation: "manual" },
    { id: "docs", connectorId: "iom", operation: "downloadDocuments", accountId, inputs },
  );
  const flow = await seedRunningFlow(t.db, graph, { workspaceId });
  const run = await t.db.run.create({
    data: { workspaceId, flowId: flow.flowId, flowVersionId: flow.versionId, triggerKind: "manual", triggerData: {} },
  });
  const execute = async () => {
    await executeRun(t.db, run.id, {
      signal: new AbortController().signal,
      log: () => undefined,
      keys,
      retry: recordingRetryPolicy([]),
    });
    return t.db.run.findUniqueOrThrow({
      where: { id: run.id },
      include: { steps: true, files: { orderBy: { name: "asc" } } },
    });
  };
  return { runId: run.id, execute };
}

describe("Download documents", () => {
  it("stores every document of the order once as a run file, referenced from the output", async () => {
    await exportOrder("DOC-1");
    iom.addDocument("DOC-1", "invoiceNote");
    iom.addDocument("DOC-1", "deliveryNote");
    const { execute } = await runDownload({ shopOrderNumber: "DOC-1" });
    const run = await execute();
    expect(run.status).toBe("succeeded");
    expect(run.files.map((file) => [file.name, file.contentType, file.stepId])).toEqual([
      ["DOC-1-deliveryNote-1.pdf", "application/pdf", "docs"],
      ["DOC-1-invoiceNote-1.pdf", "application/pdf", "docs"],
    ]);
    for (const file of run.files) expect(Buffer.from(file.content).subarray(0, 8).toString()).toBe("%PDF-1.4");
    const output = run.steps.find((step) => step.stepId === "docs")?.output as {
      count: number;
      documents: { type: string; file: { fileId: string; name: string; size: number } }[];
    };
    expect(output.count).toBe(2);
    const invoice = output.documents.find((document) => document.type === "invoiceNote");
    const stored = run.files.find((file) => file.name === "DOC-1-invoiceNote-1.pdf");
    expect(invoice?.file).toMatchObject({ fileId: stored?.id, size: stored?.size });
    // The servlet's link carries its key; the request went to the IOM server, with the account's credentials.
    const servlet = iom.requests.filter((request) => request.url.startsWith("/servlets/DocumentServlet/v1.0/"));
    expect(servlet.map((request) => request.url.split("?")[0])).toEqual(
      expect.arrayContaining(["/servlets/DocumentServlet/v1.0/invoiceNote/InvoiceNote.pdf"]),
    );
    expect(servlet.at(-1)?.headers.authorization).toMatch(/^Basic /);
  });

  it("stores a document once when the step runs again, and downloads only the types asked for", async () => {
    await exportOrder("DOC-2");
    iom.addDocument("DOC-2", "invoiceNote");
    iom.addDocument("DOC-2", "creditNote");
    iom.addDocument("DOC-2", "invoiceNote");
    const { runId, execute } = await runDownload({ shopOrderNumber: "DOC-2", documentTypes: "invoiceNote" });
    const first = await execute();
    expect(first.files.map((file) => file.name)).toEqual(["DOC-2-invoiceNote-1.pdf", "DOC-2-invoiceNote-2.pdf"]);
    // A worker died after the download but before the step was saved: the step runs again with the same names.
    await t.db.stepRun.updateMany({ where: { runId, stepId: "docs" }, data: { status: "running", finishedAt: null } });
    await t.db.run.update({ where: { id: runId }, data: { status: "running", finishedAt: null } });
    const again = await execute();
    expect(again.status).toBe("succeeded");
    expect(again.files.map((file) => file.id)).toEqual(first.files.map((file) => file.id));
    expect(await t.db.runFile.count({ where: { runId } })).toBe(2);
  });

  it("keeps only the newest of each type when asked", async () => {
    await exportOrder("DOC-3");
    iom.addDocument("DOC-3", "invoiceNote");
    iom.addDocument("DOC-3", "invoiceNote");
    const { execute } = await runDownload({ shopOrderNumber: "DOC-3", newestOnly: true });
    expect((await execute()).files.map((file) => file.name)).toEqual(["DOC-3-invoiceNote-2.pdf"]);
  });

  it("says so when IOM has no such order", async () => {
    const { execute } = await runDownload({ shopOrderNumber: "NOPE-1" });
    const run = await execute();
    expect(run.status).toBe("failed");
    expect(run.steps.find((step) => step.stepId === "docs")?.error).toMatchObject({
      code: "REMOTE",
      message: expect.stringMatching(/has no order NOPE-1 in shop 10000/),
    });
  });
});

const account = () => ({
  id: "a",
  baseUrl: iom.url,
  authorization: "Basic c2VjcmV0",
  shopId: "10000",
  shopName: "inTRONICS",
  cacheSeconds: 5,
  basic: true,
});

async function newRunId() {
  const graph = linearGraph({ id: "s", connectorId: "core", operation: "manual" });
  const flow = await seedRunningFlow(t.db, graph, { workspaceId });
  const run = await t.db.run.create({
    data: { workspaceId, flowId: flow.flowId, flowVersionId: flow.versionId, triggerKind: "manual", triggerData: {} },
  });
  return run.id;
}

describe("downloadDocument", () => {
  it("sends the account's credentials only to the IOM server, never to a link on another host", async () => {
    const seen: (string | undefined)[] = [];
    const other = http.createServer((req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { "content-type": "application/pdf" });
      res.end("%PDF-1.4 elsewhere");
    });
    await listenOnLoopback(other);
    try {
      const runId = await newRunId();
      const files = createRunFiles(t.db, { workspaceId, runId, stepId: "docs" });
      const link = `http://127.0.0.1:${(other.address() as AddressInfo).port}/invoice.pdf`;
      const ref = await downloadDocument(
        account(),
        { type: "invoiceNote", downloadLink: link },
        {
          files,
          name: "x.pdf",
          signal: new AbortController().signal,
        },
      );
      expect(seen).toEqual([undefined]);
      expect(ref).toMatchObject({ name: "x.pdf", contentType: "application/pdf" });
    } finally {
      other.closeAllConnections();
      await new Promise((resolve) => other.close(resolve));
    }
  });

  it("reads a refused link as expired, and fails without the run's file store", async () => {
    await exportOrder("DOC-4");
    const document = iom.addDocument("DOC-4", "invoiceNote");
    const files = createRunFiles(t.db, { workspaceId, runId: await newRunId(), stepId: "docs" });
    const link = `${iom.url}/servlets/DocumentServlet/v1.0/invoiceNote/InvoiceNote.pdf?k=wrong&i=${document.id}`;
    const error = await failure(
      downloadDocument(
        account(),
        { type: "invoiceNote", downloadLink: link },
        { files, name: "x.pdf", signal: new AbortController().signal },
      ),
    );
    expect(error).toMatchObject({ code: "REMOTE", retryable: false });
    expect(error.message).toMatch(/does not give the invoiceNote at its link \(404\): the link may have expired/);
    expect(
      await failure(runAction(downloadDocumentsAction, { shopOrderNumber: "DOC-4" }, basicAccount(iom.url))),
    ).toMatchObject({ code: "INTERNAL" });
  });
});
