"use client";
// The Oracle simulator's business event set-up, as on "Manage External Interface Web Service Details": one endpoint
// per event with the user and password Order Management signs in with, and the events sent lately with the answers.
import { useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import { inputClass, TextInput } from "../ui/text-input";
import { EVENTS, type ConsoleState } from "./oracle-console-api";

const label = "flex flex-col gap-1 text-sm font-medium text-slate-700";

export function OracleEventEndpoints(props: {
  state: ConsoleState | undefined;
  busy: boolean;
  onSubscribe: (subscription: { event: string; url: string; user: string; password: string }) => void;
}) {
  const [form, setForm] = useState({ event: EVENTS[0] as string, url: "", user: "oracle", password: "" });
  function save(event: FormEvent) {
    event.preventDefault();
    props.onSubscribe(form);
  }
  return (
    <section className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
      <h2 className="text-base font-semibold">Business event endpoints</h2>
      <p className="text-xs text-slate-500">
        Paste the address and secret a flow&apos;s Oracle event trigger shows. Order Management signs in with the user
        name and the secret as password (Basic).
      </p>
      <form onSubmit={save} data-testid="oracle-endpoint-form" className="grid gap-3 sm:grid-cols-2">
        <label className={label}>
          Event
          <select
            data-testid="oracle-endpoint-event"
            className={inputClass}
            value={form.event}
            onChange={(event) => setForm({ ...form, event: event.target.value })}
          >
            {EVENTS.map((name) => (
              <option key={name}>{name}</option>
            ))}
          </select>
        </label>
        <label className={label}>
          Endpoint URL
          <TextInput
            data-testid="oracle-endpoint-url"
            type="url"
            required
            placeholder="http://127.0.0.1:3000/api/hooks/…"
            value={form.url}
            onChange={(event) => setForm({ ...form, url: event.target.value })}
          />
        </label>
        <label className={label}>
          User
          <TextInput
            data-testid="oracle-endpoint-user"
            required
            value={form.user}
            onChange={(event) => setForm({ ...form, user: event.target.value })}
          />
        </label>
        <label className={label}>
          Password (the flow&apos;s secret)
          <TextInput
            data-testid="oracle-endpoint-password"
            type="password"
            required
            value={form.password}
            onChange={(event) => setForm({ ...form, password: event.target.value })}
          />
        </label>
        <div className="flex justify-end sm:col-span-2">
          <Button type="submit" variant="primary" disabled={props.busy} data-testid="oracle-endpoint-save">
            Save endpoint
          </Button>
        </div>
      </form>
      <ul data-testid="oracle-endpoints" className="flex flex-col gap-1 text-xs">
        {(props.state?.subscriptions ?? []).map((subscription) => (
          <li key={subscription.event} className="flex flex-wrap gap-x-2">
            <span className="font-medium">{subscription.event}</span>
            <span className="break-all font-mono text-slate-600">{subscription.url}</span>
            <span className="text-slate-500">as {subscription.user}</span>
          </li>
        ))}
      </ul>
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Events sent</h3>
      <ul data-testid="oracle-deliveries" className="flex flex-col gap-1 text-xs">
        {(props.state?.deliveries ?? []).slice(0, 6).map((delivery, index) => (
          <li key={`${delivery.at}-${index}`} data-testid="oracle-delivery" className="flex flex-wrap gap-x-2">
            <span className="text-slate-500">{new Date(delivery.at).toLocaleTimeString()}</span>
            <span>{delivery.event}</span>
            <span className="text-slate-600">order {delivery.orderNumber}</span>
            <span
              data-testid="oracle-delivery-status"
              className={delivery.status !== null && delivery.status < 300 ? "text-emerald-700" : "text-red-700"}
            >
              {delivery.status ?? "not delivered"}
            </span>
            {delivery.answer && <span className="basis-full truncate font-mono text-slate-500">{delivery.answer}</span>}
          </li>
        ))}
        {props.state?.deliveries.length === 0 && <li className="text-slate-500">None yet.</li>}
      </ul>
    </section>
  );
}
