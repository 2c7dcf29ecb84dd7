// `npm run bench:designer`: opens a 200-node flow in headless Chromium against a production build and prints the
// open time, the frame times while dragging a node (p50, p95) beside the harness's own on a trivial page, and the
// designer route's first-load JS. Figures, not a test: this machine is shared, so it repeats each measurement
// (CONFLUX_BENCH_RUNS, default 3) and prints every run. CONFLUX_BENCH_PORT fixes the server's port;
// CONFLUX_BENCH_PROFILE=1 adds a trace and CPU profile of one drag.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, type Browser } from "@playwright/test";
import { FLOW_GRAPH_SCHEMA_VERSION, type FlowGraph } from "../lib/flow-graph";
import { benchApi, browserCookies, signInForBench } from "../test/bench-session";
import { dragAndTime, harnessBaseline, type FrameTimes } from "./bench-designer-drag";
import { startCpuProfile, stopCpuProfile, summariseTrace, TRACE_CATEGORIES } from "./bench-designer-profile";

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
        : {
            id,
            type: "action",
            position: { x: column * 300, y: row * 150 },
            connectorId: "core",
            operation: "log",
            inputs: { message: `Step ${index}: {{ trigger }}` },
          },
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

const RUNS = Number(process.env.CONFLUX_BENCH_RUNS) || 3;
const PROFILE = process.env.CONFLUX_BENCH_PROFILE === "1";

interface RunResult {
  openMs: number;
  drag: FrameTimes;
  baseline: FrameTimes;
  jsGzipKb: number;
  jsRawKb: number;
  scriptFiles: number;
}

async function measureOnce(
  browser: Browser,
  url: string,
  profile: boolean,
  cookies: ReturnType<typeof browserCookies>,
): Promise<RunResult> {
  // A fresh context each run, so the scripts come over the network again and count as first-load JS.
  const context = await browser.newContext({ viewport: { width: 1600, height: 900 } });
  await context.addCookies(cookies);
  try {
    const page = await context.newPage();
    const scripts: Promise<{ raw: number; gzip: number }>[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() !== "script") return;
      scripts.push(response.body().then((body) => ({ raw: body.length, gzip: zlib.gzipSync(body).length })));
    });
    const openStarted = Date.now();
    await page.goto(url);
    // The scripts the page needed to load; later ones are Next's prefetches of linked routes and lazy chunks, which
    // arrive before or after the canvas draws depending on timing and made the figure jump between runs.
    const firstLoad = [...scripts];
    await page.waitForFunction((count) => document.querySelectorAll(".react-flow__node").length === count, NODE_COUNT);
    const openMs = Date.now() - openStarted;
    const sizes = await Promise.all(firstLoad);

    const node = page.getByTestId("node-log_55");
    const box = await node.boundingBox();
    if (!box) throw new Error("the node to drag is not on screen");
    const session = profile ? await context.newCDPSession(page) : undefined;
    const drag = await dragAndTime(page, box.x + box.width / 2, box.y + box.height / 2, async () => {
      if (!session) return;
      await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      await startCpuProfile(session);
    });
    if (session) {
      const cpu = await stopCpuProfile(session);
      const trace = summariseTrace(await browser.stopTracing());
      console.log(`Profile of one drag (${drag.frames} frames):\n  trace, renderer and GPU threads:\n${trace}\n${cpu}`);
    }
    const moved = await node.boundingBox();
    if (!moved || Math.abs(moved.y - box.y) < 50)
      throw new Error("the drag did not move the node: the figures would not be honest");

    const baseline = await harnessBaseline(await context.newPage());
    const kb = (bytes: number) => Number((bytes / 1024).toFixed(1));
    return {
      openMs,
      drag,
      baseline,
      jsGzipKb: kb(sizes.reduce((sum, size) => sum + size.gzip, 0)),
      jsRawKb: kb(sizes.reduce((sum, size) => sum + size.raw, 0)),
      scriptFiles: sizes.length,
    };
  } finally {
    await context.close();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
const spread = (values: number[]) => `${median(values)} (${Math.min(...values)}-${Math.max(...values)})`;
const fps = (frameMs: number) => Math.round(1000 / frameMs);

async function main() {
  // A fixed port when several people bench on one machine; otherwise any free one.
  const port = Number(process.env.CONFLUX_BENCH_PORT) || (await freePort());
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
    const cookie = await signInForBench(baseUrl);
    const api = benchApi(baseUrl, cookie, true);
    // A new flow for every run: a drag autosaves, and the next run should find the node where the first one did.
    const newFlow = async (run: number) => {
      const { id } = await api.flows.create.mutate({ name: `Bench ${NODE_COUNT} nodes, run ${run}` });
      await api.flows.saveDraft.mutate({ id, graph: bigGraph(), baseRevision: 0 });
      return `${baseUrl}/flows/${id}`;
    };

    const runs: RunResult[] = [];
    // One unmeasured open first: the server compiles and caches on first request, which is not what users see.
    await measureOnce(browser, await newFlow(0), false, browserCookies(baseUrl, cookie));
    for (let run = 1; run <= RUNS; run += 1) {
      const result = await measureOnce(
        browser,
        await newFlow(run),
        PROFILE && run === 1,
        browserCookies(baseUrl, cookie),
      );
      runs.push(result);
      console.log(`run ${run}: ${JSON.stringify(result)}`);
    }
    const dragP95 = median(runs.map((run) => run.drag.p95Ms));
    console.log(
      [
        `Designer with ${NODE_COUNT} nodes, ${RUNS} runs, median (min-max):`,
        `  opened in ${spread(runs.map((run) => run.openMs))} ms`,
        `  dragging: p50 frame ${spread(runs.map((run) => run.drag.p50Ms))} ms, p95 frame ${spread(runs.map((run) => run.drag.p95Ms))} ms (~${fps(dragP95)} fps at p95)`,
        `  harness alone (trivial page): p50 frame ${spread(runs.map((run) => run.baseline.p50Ms))} ms, p95 frame ${spread(runs.map((run) => run.baseline.p95Ms))} ms`,
        `  first-load JS ${median(runs.map((run) => run.jsGzipKb))} KB gzip (${median(runs.map((run) => run.jsRawKb))} KB raw, ${runs[0]?.scriptFiles} files)`,
      ].join("\n"),
    );
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
