// Upload a file on a real Postgres: a file an earlier step stored is sent as a form upload or as the raw body, and a
// file of another run is never reachable.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { stepContext } from "@/test/connectors/sterling";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { createRunFiles } from "@/server/runtime/run-files";
import { uploadFileAction } from "./upload-file";
import { listenOnLoopback } from "@/test/local-server";

let t: TestDatabase;
let workspaceId: string;
let server: http.Server;
let base = "";
const received: { method?: string; contentType?: string; body: Buffer }[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  workspaceId = (await t.db.workspace.create({ data: { name: "Uploads" } })).id;
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ method: req.method, contentType: req.headers["content-type"], body: Buffer.concat(chunks) });
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ stored: true }));
    });
  });
  base = await listenOnLoopback(server);
});
afterAll(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  await t?.drop();
});

async function runWithFile(content: Buffer) {
  const flow = await seedRunningFlow(t.db, linearGraph({ id: "s", connectorId: "core", operation: "manual" }), {
    workspaceId,
  });
  const run = await t.db.run.create({
    data: { workspaceId, flowId: flow.flowId, flowVersionId: flow.versionId, triggerKind: "manual", triggerData: {} },
  });
  const saved = await createRunFiles(t.db, { workspaceId, runId: run.id, stepId: "docs" }).save({
    name: "Y1-invoiceNote-1.pdf",
    contentType: "application/pdf",
    content: content,
  });
  return { runId: run.id, fileId: saved.fileId };
}

const upload = (runId: string, input: Record<string, unknown>) =>
  uploadFileAction.run({
    input: uploadFileAction.input.parse(input),
    ctx: {
      ...stepContext(undefined, `${runId}:upload`),
      files: createRunFiles(t.db, { workspaceId, runId, stepId: "upload" }),
    },
  });

describe("Upload a file", () => {
  const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.from([0, 255, 128, 10]), Buffer.from("%%EOF\n")]);

  it("sends the stored bytes as one part of a form upload", async () => {
    const { runId, fileId } = await runWithFile(pdf);
    const result = await upload(runId, { url: `${base}/archive`, fileId, formField: "document" });
    expect(result).toMatchObject({
      status: 201,
      body: { stored: true },
      uploaded: { name: "Y1-invoiceNote-1.pdf", size: pdf.length },
    });
    const request = received.at(-1);
    const boundary = /boundary=(.+)$/.exec(request?.contentType ?? "")?.[1] ?? "";
    expect(request?.contentType).toMatch(/^multipart\/form-data; boundary=conflux-/);
    const head = `--${boundary}\r\nContent-Disposition: form-data; name="document"; filename="Y1-invoiceNote-1.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
    expect(request?.body.equals(Buffer.concat([Buffer.from(head), pdf, Buffer.from(`\r\n--${boundary}--\r\n`)]))).toBe(
      true,
    );
  });

  it("sends the bytes as the body itself, with the file's content type", async () => {
    const { runId, fileId } = await runWithFile(pdf);
    await upload(runId, {
      method: "PUT",
      url: `${base}/raw`,
      fileId,
      sendAs: "raw",
      headers: { "Content-Type": "text/plain" },
    });
    expect(received.at(-1)).toMatchObject({ method: "PUT", contentType: "application/pdf" });
    expect(received.at(-1)?.body.equals(pdf)).toBe(true);
  });

  it("never reaches a file of another run", async () => {
    const { fileId } = await runWithFile(pdf);
    const { runId: otherRun } = await runWithFile(pdf);
    const count = received.length;
    await expect(upload(otherRun, { url: `${base}/archive`, fileId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(received.length).toBe(count);
  });
});
