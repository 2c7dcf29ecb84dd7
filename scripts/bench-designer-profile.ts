// Where a drag's frame time goes, for `CONFLUX_BENCH_PROFILE=1 npm run bench:designer`: a Chromium trace summed by
// event on the renderer's main thread (script, style, layout, paint...) and a CPU profile's hottest functions.
import type { CDPSession } from "@playwright/test";
import { z } from "zod";

const traceEvent = z.object({
  name: z.string(),
  ph: z.string(),
  pid: z.number(),
  tid: z.number(),
  ts: z.number().optional(),
  dur: z.number().optional(),
  args: z.object({ name: z.string().optional() }).passthrough().optional(),
});
type TraceEvent = z.infer<typeof traceEvent>;

// Work the renderer does per frame, by the names Chromium's timeline gives it.
const WORK = [
  "EventDispatch",
  "FunctionCall",
  "TimerFire",
  "FireAnimationFrame",
  "v8.run",
  "UpdateLayoutTree",
  "Layout",
  "PrePaint",
  "Paint",
  "Layerize",
  "Commit",
  "HitTest",
  "MinorGC",
  "MajorGC",
  "V8.GC_SCAVENGER",
  "BlinkGC.AtomicPhase",
  "ScheduleStyleRecalculation",
];

export const TRACE_CATEGORIES = [
  "devtools.timeline",
  "disabled-by-default-devtools.timeline",
  "v8",
  "blink",
  "cc",
  "gpu",
  "viz",
];

/** Milliseconds per event name on each busy thread during the trace, top-level tasks and the named work inside them. */
export function summariseTrace(buffer: Buffer): string {
  const parsed: unknown = JSON.parse(buffer.toString("utf8"));
  const raw = Array.isArray(parsed)
    ? parsed
    : z.object({ traceEvents: z.array(z.unknown()) }).parse(parsed).traceEvents;
  const events: TraceEvent[] = raw.flatMap((entry) => {
    const result = traceEvent.safeParse(entry);
    return result.success ? [result.data] : [];
  });
  const threadNames = new Map<string, string>();
  for (const event of events)
    if (event.ph === "M" && event.name === "thread_name")
      threadNames.set(`${event.pid}:${event.tid}`, event.args?.name ?? "?");
  const perThread = new Map<string, Map<string, { ms: number; count: number }>>();
  for (const event of events) {
    if (event.ph !== "X" || event.dur === undefined) continue;
    if (event.name !== "RunTask" && event.name !== "ThreadControllerImpl::RunTask" && !WORK.includes(event.name))
      continue;
    const thread = `${threadNames.get(`${event.pid}:${event.tid}`) ?? "?"} (${event.pid}:${event.tid})`;
    const names = perThread.get(thread) ?? new Map<string, { ms: number; count: number }>();
    const entry = names.get(event.name) ?? { ms: 0, count: 0 };
    entry.ms += event.dur / 1000;
    entry.count += 1;
    names.set(event.name, entry);
    perThread.set(thread, names);
  }
  const lines: string[] = [];
  for (const [thread, names] of perThread) {
    const total = [...names.values()].reduce((sum, entry) => sum + entry.ms, 0);
    if (total < 50) continue;
    lines.push(`  ${thread}`);
    for (const [name, entry] of [...names].sort((a, b) => b[1].ms - a[1].ms)) {
      lines.push(`    ${name.padEnd(32)} ${entry.ms.toFixed(0).padStart(6)} ms  ${String(entry.count).padStart(6)}x`);
    }
  }
  return lines.join("\n");
}

const cpuProfile = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({
        functionName: z.string(),
        url: z.string(),
        lineNumber: z.number(),
        columnNumber: z.number(),
      }),
    }),
  ),
  samples: z.array(z.number()).optional(),
  timeDeltas: z.array(z.number()).optional(),
});

export async function startCpuProfile(session: CDPSession): Promise<void> {
  await session.send("Profiler.enable");
  await session.send("Profiler.setSamplingInterval", { interval: 200 });
  await session.send("Profiler.start");
}

/** Self time per function (name, script and position, as minified) and per script, hottest first. */
export async function stopCpuProfile(session: CDPSession, top = 30): Promise<string> {
  const { profile } = await session.send("Profiler.stop");
  const { nodes, samples = [], timeDeltas = [] } = cpuProfile.parse(profile);
  const byId = new Map(nodes.map((node) => [node.id, node.callFrame]));
  const self = new Map<string, number>();
  const perScript = new Map<string, number>();
  samples.forEach((id, index) => {
    const frame = byId.get(id);
    const ms = (timeDeltas[index] ?? 0) / 1000;
    if (!frame) return;
    const script = frame.url.split("/").at(-1) || "(native)";
    const key = `${frame.functionName || "(anonymous)"} ${script}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + ms);
    perScript.set(script, (perScript.get(script) ?? 0) + ms);
  });
  const rows = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, ms]) => `    ${ms.toFixed(0).padStart(6)} ms  ${key}`);
  return ["  self time by script:", ...rows(perScript), "  self time by function:", ...rows(self)].join("\n");
}
