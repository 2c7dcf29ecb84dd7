// `npm run bench:designer`: opens a 200-node flow in headless Chromium against a production build and prints the
// open time, the p95 frame time while dragging a node, and the designer route's first-load JS. Figures, not a test:
// this machine is shared, so read them as a trend.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chromium } from "@playwright/test";
import { createTRPCClient, httpBatchLink } from "@trpc/client";
import superjson from "superjson";
import { FLOW_GRAPH_SCHEMA_VERSION, type FlowGraph } from "../lib/flow-graph";
import type { AppRouter } from "../server/api/root";

const NODE_COUNT = 200;
const COLUMNS = 10;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 0;
}

/** A trigger and 199 Log steps in a snaking chain, laid out on a grid as a user would arrange a big flow. */
function bigGraph(): FlowGraph {
  const nodes: FlowGraph["nodes"] = [];
  const edges: FlowGraph["edges"] = [];
  for (let index = 0; index < NODE_COUNT; index += 1) {
    const row = Math.floor(index / COLUMNS);
    const column = row % 2 === 0 ? index % COLUMNS : COLUMNS - 1 - (index % COLUMNS);
    const id = index === 0 ? "trigger" : `log_${index}`;
    nodes.push(
      index === 0
        ? { id, type: "trigger", position: { x: 0, y: 0 }, connectorId: "core", operation: "manual", inputs: {} }
        : { id, type: "action", position: { x: column * 300, y: row * 150 }, connectorId: "core", operation: "log", inputs: { message: `Step ${index}: {{ trigger }}` } },
    );
    const previous = nodes[index - 1];
    if (previous) edges.push({ id: `${previous.id}-${id}`, source: previous.id, target: id, sourceHandle: "next" });
  }
  return { schemaVersion: FLOW_GRAPH_SCHEMA_VERSION, nodes, edges };
}

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`Conflux did not answer ${url}/api/health within ${timeoutMs / 1000} s`);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function main() {
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "conflux-bench-designer-"));
  // Node with tsx's loader rather than the tsx binary, whose extra process would not pass SIGINT on.
  const server = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", CONFLUX_DATA_DIR: dataDir, DATABASE_URL: "" },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  try {
    await waitForHealth(baseUrl, 300_000);
    const api = createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: `${baseUrl}/api/trpc`, transformer: superjson })] });
    const { id } = await api.flows.create.mutate({ name: `Bench ${NODE_COUNT} nodes` });
    await api.flows.saveDraft.mutate({ id, graph: bigGraph(), baseRevision: 0 });

    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const scripts: Promise<{ raw: number; gzip: number }>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      scripts.push(response.body().then((body) => ({ raw: body.length, gzip: zlib.gzipSync(body).length })));
    });

    const openStarted = Date.now();
    await page.goto(`${baseUrl}/flows/${id}`);
    await page.locator(".react-flow__node").nth(NODE_COUNT - 1).waitFor();
    await page.waitForFunction((count) => document.querySelectorAll(".react-flow__node").length === count, NODE_COUNT);
    const openMs = Date.now() - openStarted;
    const sizes = await Promise.all(scripts);

    const box = await page.getByTestId("node-log_55").boundingBox();
    if (!box) throw new Error("the node to drag is not on screen");
    // A string, not a function: tsx compiles functions with a __name helper that does not exist in the page.
    await page.evaluate(`(() => {
      const frames = [];
      const record = (time) => {
        frames.push(time);
        if (frames.length < 10000) requestAnimationFrame(record);
      };
      requestAnimationFrame(record);
      window.__benchFrames = frames;
    })()`);
    const startX = box.x + box.width / 2;
    const startY = box.y + box.height / 2;
    await page.mouse.move(startX, startY);
    await page.mouse.down();
    for (let step = 1; step <= 180; step += 1) {
      await page.mouse.move(startX + Math.sin(step / 15) * 200, startY + step, { steps: 1 });
    }
    await page.mouse.up();
    const recorded: unknown = await page.evaluate("window.__benchFrames");
    const frames = Array.isArray(recorded) ? recorded.filter((entry): entry is number => typeof entry === "number") : [];
    const intervals = frames.slice(1).map((time, index) => time - (frames[index] ?? time));
    const p95FrameMs = percentile(intervals, 95);

    const result = {
      nodes: NODE_COUNT,
      openMs,
      dragFrames: intervals.length,
      p95FrameMs: Number(p95FrameMs.toFixed(1)),
      p50FrameMs: Number(percentile(intervals, 50).toFixed(1)),
      fpsAtP95: Number((1000 / p95FrameMs).toFixed(0)),
      firstLoadJsKb: Number((sizes.reduce((sum, size) => sum + size.raw, 0) / 1024).toFixed(1)),
      firstLoadJsGzipKb: Number((sizes.reduce((sum, size) => sum + size.gzip, 0) / 1024).toFixed(1)),
      scriptFiles: sizes.length,
    };
    console.log(`Designer with ${NODE_COUNT} nodes: opened in ${openMs} ms; dragging p95 frame ${result.p95FrameMs} ms (~${result.fpsAtP95} fps); first-load JS ${result.firstLoadJsGzipKb} KB gzip (${result.firstLoadJsKb} KB raw, ${sizes.length} files)`);
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
    server.kill("SIGINT");
    await new Promise((resolve) => server.once("exit", resolve));
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
