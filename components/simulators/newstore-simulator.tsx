"use client";
// The built-in NewStore simulator's page: the availability webhook a flow registered, a form that makes the simulated
// tenant ask it for availability as NewStore does on a basket, and the answers it got (or why it treated every item
// as unavailable).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { Button } from "../ui/button";
import { postConsole, readConsole } from "./console-api";
import { ConnectionDetails } from "./simulator-console";
import { TextInput } from "../ui/text-input";

const askSchema = z.object({
  at: z.string(),
  url: z.string(),
  status: z.number().nullable(),
  ms: z.number(),
  reply: z.string(),
  outcome: z.string(),
  rows: z.array(
    z.object({ product_id: z.string(), fulfillment_location: z.string(), atp: z.number(), answered: z.boolean() }),
  ),
});
type Ask = z.infer<typeof askSchema>;
const stateSchema = z.object({
  webhook: z
    .object({ url: z.string(), api_key: z.string(), external_identifier: z.string(), timeout: z.number() })
    .nullable(),
  externalAtp: z.boolean(),
  externalOms: z.boolean(),
  asks: z.array(askSchema),
});
const replySchema = z.object({ ask: askSchema.optional(), error: z.string().optional() });

const ENDPOINT = "/api/simulators/newstore/console";

async function ask(body: { productIds: string; locations: string }): Promise<Ask> {
  const reply = await postConsole(ENDPOINT, body, replySchema);
  if (!reply.ask) throw new Error(reply.error ?? "The simulator gave no answer");
  return reply.ask;
}

export function NewStoreSimulatorConsole(props: { tenantUrl: string; clientId: string; clientSecret: string }) {
  const queryClient = useQueryClient();
  const state = useQuery({
    queryKey: ["newstore-simulator"],
    queryFn: () => readConsole(ENDPOINT, stateSchema),
    refetchInterval: 5000,
  });
  const [form, setForm] = useState({ productIds: "1000061, 1000062", locations: "US01, DC01" });
  const [error, setError] = useState<string | null>(null);
  const request = useMutation({
    mutationFn: ask,
    onMutate: () => setError(null),
    onError: (failure) => setError(failure.message),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["newstore-simulator"] }),
  });
  const latest = request.data ?? state.data?.asks[0];
  const webhook = state.data?.webhook;

  function submit(event: FormEvent) {
    event.preventDefault();
    request.mutate(form);
  }

  return (
    <div className="flex flex-col gap-6 p-8">
      <section className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
        <form
          onSubmit={submit}
          data-testid="newstore-ask-form"
          className="flex flex-col gap-3 self-start rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
        >
          <h2 className="text-base font-semibold">Ask for availability</h2>
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            Product IDs
            <TextInput
              data-testid="newstore-products"
              value={form.productIds}
              onChange={(event) => setForm({ ...form, productIds: event.target.value })}
            />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
            Fulfillment locations
            <TextInput
              data-testid="newstore-locations"
              value={form.locations}
              onChange={(event) => setForm({ ...form, locations: event.target.value })}
            />
          </label>
          <div className="flex items-center justify-between gap-3">
            <p className="text-xs text-slate-500">Sent to the webhook below as NewStore&apos;s availability request.</p>
            <Button type="submit" variant="primary" disabled={request.isPending || !webhook} data-testid="newstore-ask">
              {request.isPending ? "Asking…" : "Ask the webhook"}
            </Button>
          </div>
          {error && (
            <p
              role="alert"
              data-testid="newstore-error"
              className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700"
            >
              {error}
            </p>
          )}
        </form>
        <aside className="rounded-lg border border-slate-200 bg-slate-50 p-5 text-sm text-slate-700">
          <h2 className="text-base font-semibold text-slate-900">Availability webhook</h2>
          {webhook ? (
            <dl
              className="mt-2 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs"
              data-testid="newstore-webhook"
            >
              <dt className="font-medium">URL</dt>
              <dd className="break-all font-mono" data-testid="newstore-webhook-url">
                {webhook.url}
              </dd>
              <dt className="font-medium">API key</dt>
              <dd className="font-mono">{webhook.api_key}</dd>
              <dt className="font-medium">Timeout</dt>
              <dd>{webhook.timeout} s</dd>
              <dt className="font-medium">External ATP</dt>
              <dd data-testid="newstore-external-atp">
                {state.data?.externalAtp ? "on" : "off (NewStore uses its own stock)"}
              </dd>
            </dl>
          ) : (
            <p className="mt-1" data-testid="newstore-no-webhook">
              None yet. Start a flow with the trigger <strong>Availability requested</strong> (Register with NewStore on
              Start), or set it with the action Update availability webhook config.
            </p>
          )}
          <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">Connect to it</h3>
          <p className="mt-1">
            On{" "}
            <a className="text-brand-700 underline" href="/applications">
              Applications and APIs
            </a>
            , connect NewStore and choose <strong>Connect to the built-in NewStore simulator</strong>, or enter:
          </p>
          <ConnectionDetails
            rows={[
              { label: "Tenant URL", value: props.tenantUrl },
              { label: "Client ID", value: props.clientId },
              { label: "Client secret", value: props.clientSecret },
            ]}
          />
        </aside>
      </section>

      {latest && <AskResult ask={latest} />}
    </div>
  );
}

function AskResult({ ask: result }: { ask: Ask }) {
  const answered = result.outcome === "answered";
  return (
    <section
      className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm"
      data-testid="newstore-answer"
    >
      <header className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-5 py-3">
        <h2 className="text-base font-semibold">What NewStore got</h2>
        <p
          data-testid="newstore-outcome"
          className={`rounded px-2 py-0.5 text-xs font-medium ${answered ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-700"}`}
        >
          {answered ? "Answered" : result.outcome}
          <span className="ml-2 font-normal text-slate-500">
            {result.status === null ? "no reply" : `HTTP ${result.status}`} in {result.ms} ms
          </span>
        </p>
      </header>
      <table className="w-full text-left text-sm">
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="px-5 py-2 font-medium">Product</th>
            <th className="px-3 py-2 font-medium">Location</th>
            <th className="px-3 py-2 text-right font-medium">ATP</th>
            <th className="px-5 py-2 font-medium">From</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {result.rows.map((row) => (
            <tr key={`${row.product_id}|${row.fulfillment_location}`} data-testid="newstore-row">
              <td className="px-5 py-2 font-mono">{row.product_id}</td>
              <td className="px-3 py-2 font-mono">{row.fulfillment_location}</td>
              <td className="px-3 py-2 text-right tabular-nums" data-testid="newstore-atp">
                {row.atp}
              </td>
              <td className="px-5 py-2 text-xs text-slate-500">
                {row.answered ? "the webhook" : "unavailable (not answered)"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <details className="border-t border-slate-200 px-5 py-3 text-xs">
        <summary className="cursor-pointer text-slate-600">Raw reply from {result.url}</summary>
        <pre
          className="mt-2 overflow-x-auto whitespace-pre-wrap break-all rounded bg-slate-50 p-3 font-mono"
          data-testid="newstore-raw"
        >
          {result.reply || "(empty)"}
        </pre>
      </details>
    </section>
  );
}
