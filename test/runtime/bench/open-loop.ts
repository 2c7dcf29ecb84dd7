// A steady request rate, whatever the server does: requests start on a fixed schedule (open loop), so a slow answer
// does not slow the next request down and latencies are not flattered (no coordinated omission).
import http from "node:http";

export interface LoadResult {
  latenciesMs: number[];
  statuses: Record<string, number>;
  /** Answers carrying the header (fallback answers), and requests that failed or answered outside 2xx. */
  flagged: number;
  errors: number;
  sent: number;
}

export async function openLoop(options: {
  url: string;
  ratePerSecond: number;
  durationMs: number;
  headers: Record<string, string>;
  body: () => string;
  /** A response header to count (x-conflux-fallback). */
  flagHeader?: string;
  /**
   * Random arrivals at the same mean rate (a Poisson process: exponential gaps), as independent senders make them,
   * instead of one every 1/rate seconds: some requests arrive close together, as they do in production.
   */
  poisson?: boolean;
  /** Gets each answer's status and body (read only when given). */
  onResponse?: (status: number, body: string) => void;
}): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
  const result: LoadResult = { latenciesMs: [], statuses: {}, flagged: 0, errors: 0, sent: 0 };
  const intervalMs = 1000 / options.ratePerSecond;
  const started = performance.now();
  const pending: Promise<void>[] = [];
  const one = (scheduledAt: number) =>
    new Promise<void>((resolve) => {
      const request = http.request(options.url, { method: "POST", agent, headers: options.headers }, (response) => {
        const chunks: Buffer[] = [];
        if (options.onResponse) response.on("data", (chunk: Buffer) => chunks.push(chunk));
        else response.resume();
        response.on("end", () => {
          options.onResponse?.(response.statusCode ?? 0, Buffer.concat(chunks).toString("utf8"));
          // Measured from when the request was due, so a late start on a busy client counts against the figure.
          result.latenciesMs.push(performance.now() - scheduledAt);
          const status = String(response.statusCode ?? 0);
          result.statuses[status] = (result.statuses[status] ?? 0) + 1;
          if (options.flagHeader && response.headers[options.flagHeader]) result.flagged += 1;
          if ((response.statusCode ?? 0) >= 300) result.errors += 1;
          resolve();
        });
      });
      request.on("error", () => {
        result.errors += 1;
        resolve();
      });
      request.end(options.body());
    });
  for (let due = started; due - started < options.durationMs;) {
    const wait = due - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    result.sent += 1;
    pending.push(one(due));
    due += options.poisson ? -Math.log(1 - Math.random()) * intervalMs : intervalMs;
  }
  await Promise.all(pending);
  agent.destroy();
  return result;
}

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? null;
}
