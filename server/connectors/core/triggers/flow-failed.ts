// When a flow fails: starts the flow with the failed run of another flow of the workspace (one, several or all), so
// that failures are handled the team's own way (a chat message, a ticket). The runtime's alert dispatcher
// (server/runtime/failure-alerts.ts) makes these runs from the database's failure outbox; this file owns the trigger's
// settings and the data its runs start with.
import { z } from "zod";
import { defineTrigger, field } from "../../sdk";

export const FLOW_FAILED_TRIGGER_KIND = "flowFailed";

const flowFailedInput = z
  .object({
    watch: z
      .enum(["all", "chosen"])
      .default("all")
      .meta(
        field({
          title: "Flows to watch",
          order: 1,
          enumLabels: { all: "Every other flow of the workspace", chosen: "The flows I choose" },
        }),
      ),
    flowIds: z
      .array(z.string().min(1))
      .max(500)
      .default([])
      .meta(
        field({
          title: "Flows",
          description: "The flows whose failed runs start this flow.",
          widget: "flows",
          visibleWhen: { field: "watch", equals: "chosen" },
          order: 2,
        }),
      ),
  })
  .superRefine((value, ctx) => {
    if (value.watch === "chosen" && value.flowIds.length === 0) {
      ctx.addIssue({ code: "custom", path: ["flowIds"], message: "needs at least one flow to watch" });
    }
  });

export type FlowFailedConfig = z.output<typeof flowFailedInput>;

const flowFailedOutput = z.object({
  flow: z
    .object({
      id: z.string().meta({ title: "Flow id" }),
      name: z.string().meta({ title: "Flow name" }),
    })
    .meta({ title: "Failed flow" }),
  runId: z.string().meta({ title: "Run id", description: "The failed run." }),
  runUrl: z.string().meta({ title: "Run link", description: "The failed run's page in Conflux." }),
  businessKey: z.string().nullable().meta({ title: "Business key", description: "E.g. the order number." }),
  failedAt: z.string().meta({ title: "Failed at", description: "When the run failed (ISO 8601)." }),
  error: z
    .object({
      code: z.string().meta({ title: "Error code" }),
      message: z.string().meta({ title: "Error message" }),
      step: z
        .object({ id: z.string(), name: z.string() })
        .nullable()
        .meta({ title: "Failed step", description: "The step the run failed in, if it failed in one." }),
    })
    .meta({ title: "Error" }),
  failures: z
    .object({
      count: z.number().meta({ title: "Failures", description: "Failed runs of the flow in the alert's window." }),
      withinMinutes: z.number().nullable().meta({ title: "Window (minutes)" }),
    })
    .meta({ title: "Burst", description: "With an alert rule in Flow settings: the failures that set it off." }),
});

export type FlowFailedData = z.output<typeof flowFailedOutput>;

export const flowFailedTrigger = defineTrigger({
  key: "flowFailed",
  kind: FLOW_FAILED_TRIGGER_KIND,
  label: "When a flow fails",
  description:
    "Starts the flow when a run of another flow fails (or, with an alert rule in that flow's settings, when " +
    "enough of them fail in a row), with the flow, the error, the business key and a link to the run.",
  group: "Toolbox",
  input: flowFailedInput,
  output: flowFailedOutput,
  sample: {
    flow: { id: "flow-id", name: "Send orders to IOM" },
    runId: "00000000-0000-4000-8000-000000000000",
    runUrl: "http://localhost:3000/runs/00000000-0000-4000-8000-000000000000",
    businessKey: "Y100001007",
    failedAt: "2026-01-05T09:00:00.000Z",
    error: {
      code: "REMOTE_ERROR",
      message: "The order system answered 503 Service Unavailable",
      step: { id: "export", name: "Export order" },
    },
    failures: { count: 1, withinMinutes: null },
  },
});

/** Whether a trigger configured as `config` (in flow `alertFlowId`) watches `failedFlowId`; never its own flow. */
export function watchesFlow(config: FlowFailedConfig, alertFlowId: string, failedFlowId: string): boolean {
  if (alertFlowId === failedFlowId) return false;
  return config.watch === "all" || config.flowIds.includes(failedFlowId);
}
