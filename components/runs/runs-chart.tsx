"use client";
// Runs over time, stacked by status. Colours from the Okabe-Ito palette, chosen to stay apart for the common forms
// of colour-blindness; the legend and tooltip name every status, so colour is never the only cue.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";

export const STATUS_COLOURS = {
  succeeded: "#0072B2",
  failed: "#D55E00",
  cancelled: "#999999",
  running: "#56B4E9",
  queued: "#CC79A7",
} as const;

const STATUS_NAMES: Record<keyof typeof STATUS_COLOURS, string> = {
  succeeded: "Succeeded",
  failed: "Failed",
  cancelled: "Cancelled",
  running: "Running",
  queued: "Queued",
};

type Point = { start: Date } & Record<keyof typeof STATUS_COLOURS, number>;

function tickFormatter(bucketSeconds: number) {
  const format =
    bucketSeconds >= 86_400
      ? new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short" })
      : bucketSeconds >= 3600 * 3
        ? new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit" })
        : new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });
  return (value: number) => format.format(new Date(value));
}

export function RunsChart({
  series,
  bucketSeconds,
  className = "h-64",
}: {
  series: Point[];
  bucketSeconds: number;
  /** The chart's height (a Tailwind class): the flow page's dashboard is shorter. */
  className?: string;
}) {
  const data = series.map((point) => ({ ...point, time: point.start.getTime() }));
  const format = tickFormatter(bucketSeconds);
  return (
    <div className={className} data-testid="runs-chart" role="img" aria-label="Runs over time, stacked by status">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
          <CartesianGrid vertical={false} stroke="#e2e8f0" />
          <XAxis dataKey="time" tickFormatter={format} tick={{ fontSize: 11, fill: "#64748b" }} minTickGap={24} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11, fill: "#64748b" }} />
          <Tooltip
            labelFormatter={(value) => format(Number(value))}
            contentStyle={{ fontSize: 12, borderRadius: 8 }}
            cursor={{ fill: "#f1f5f9" }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {(Object.keys(STATUS_COLOURS) as (keyof typeof STATUS_COLOURS)[]).map((status) => (
            <Bar
              key={status}
              dataKey={status}
              name={STATUS_NAMES[status]}
              stackId="runs"
              fill={STATUS_COLOURS[status]}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
