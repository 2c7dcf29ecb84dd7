"use client";
// The built-in Sterling simulator's page: how to connect to it, a form that creates an order, and the orders with
// the changes the Sterling events react to (change, release, back order, ship, cancel).
import { useState, type FormEvent } from "react";
import { z } from "zod";
import { Button } from "../ui/button";
import { inputClass, TextInput } from "../ui/text-input";
import {
  SterlingEventQueues,
  SterlingServiceQueues,
  eventQueuesSchema,
  serviceQueuesSchema,
} from "./sterling-event-queues";
import { ConnectionDetails, ConsoleNotice, useSimulatorConsole } from "./simulator-console";

const orderSchema = z.object({
  orderHeaderKey: z.string(),
  orderNo: z.string(),
  enterpriseCode: z.string(),
  customerEmail: z.string(),
  status: z.string(),
  statusCode: z.string(),
  total: z.string(),
  currency: z.string(),
  lines: z.array(z.object({ primeLineNo: z.string(), itemId: z.string(), quantity: z.string(), status: z.string() })),
  modifyts: z.string(),
});
const stateSchema = z.object({
  orders: z.array(orderSchema),
  items: z.array(z.string()),
  enterprises: z.array(z.string()),
  recentCalls: z.array(z.object({ at: z.string(), api: z.string(), status: z.number() })),
  eventQueues: eventQueuesSchema,
  serviceQueues: serviceQueuesSchema,
});
const ENDPOINT = "/api/simulators/sterling/console";

const actions = [
  { action: "change", label: "Change", title: "Order one more of line 1 (changeOrder)" },
  { action: "release", label: "Release", title: "Schedule and release to the ship node (scheduleOrder)" },
  { action: "backorder", label: "Back order", title: "Back-order line 1 (changeOrderStatus to 1300)" },
  { action: "ship", label: "Ship", title: "Create and confirm a shipment of the released lines" },
  { action: "cancel", label: "Cancel", title: "Cancel the order (changeOrder with Action CANCEL)" },
] as const;

export function SterlingSimulatorConsole(props: { endpointUrl: string; loginId: string; password: string }) {
  const { state, act, notice } = useSimulatorConsole("sterling-simulator", ENDPOINT, stateSchema);
  const [form, setForm] = useState({ enterpriseCode: "DEFAULT", customerEmail: "", itemId: "SKU-1", quantity: "1" });
  const [unitPrice, setUnitPrice] = useState("19.99");

  function create(event: FormEvent) {
    event.preventDefault();
    act.mutate({
      action: "create",
      ...form,
      quantity: Number(form.quantity),
      unitPrice: Number(unitPrice),
    });
  }

  return (
    <div className="flex flex-col gap-6 p-8">
      <section className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_minmax(0,1.2fr)]">
        <form
          onSubmit={create}
          data-testid="simulator-create-form"
          className="flex flex-col gap-3 self-start rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
        >
          <h2 className="text-base font-semibold">Create an order</h2>
          <div className="grid grid-cols-2 gap-3">
            <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
              Enterprise
              <select
                data-testid="simulator-enterprise"
                className={inputClass}
                value={form.enterpriseCode}
                onChange={(event) => setForm({ ...form, enterpriseCode: event.target.value })}
              >
                {(state.data?.enterprises ?? ["DEFAULT"]).map((code) => (
                  <option key={code}>{code}</option>
                ))}
              </select>
            </label>
            <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
              Customer e-mail
              <TextInput
                data-testid="simulator-email"
                type="email"
                placeholder="ada@example.com"
                value={form.customerEmail}
                onChange={(event) => setForm({ ...form, customerEmail: event.target.value })}
              />
            </label>
            <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
              Item
              <select
                data-testid="simulator-item"
                className={inputClass}
                value={form.itemId}
                onChange={(event) => setForm({ ...form, itemId: event.target.value })}
              >
                {(state.data?.items ?? ["SKU-1"]).map((item) => (
                  <option key={item}>{item}</option>
                ))}
              </select>
            </label>
            <div className="grid grid-cols-2 gap-2">
              <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
                Quantity
                <TextInput
                  data-testid="simulator-quantity"
                  type="number"
                  min={1}
                  max={999}
                  value={form.quantity}
                  onChange={(event) => setForm({ ...form, quantity: event.target.value })}
                />
              </label>
              <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
                Unit price
                <TextInput
                  data-testid="simulator-price"
                  type="number"
                  min={0}
                  step="0.01"
                  value={unitPrice}
                  onChange={(event) => setUnitPrice(event.target.value)}
                />
              </label>
            </div>
          </div>
          <div className="flex items-center justify-between gap-3">
            <p className="text-xs text-slate-500">Sent to the simulator as Sterling&apos;s createOrder.</p>
            <Button type="submit" variant="primary" disabled={act.isPending} data-testid="simulator-create">
              Create order
            </Button>
          </div>
        </form>
        <aside className="rounded-lg border border-slate-200 bg-slate-50 p-5 text-sm text-slate-700">
          <h2 className="text-base font-semibold text-slate-900">Connect a flow to it</h2>
          <p className="mt-1">
            On{" "}
            <a className="text-brand-700 underline" href="/applications">
              Applications and APIs
            </a>
            , connect IBM Sterling OMS and choose <strong>Connect to the built-in Sterling simulator</strong>, or enter:
          </p>
          <ConnectionDetails
            rows={[
              { label: "Endpoint URL", value: props.endpointUrl, testId: "simulator-endpoint" },
              { label: "Login ID", value: props.loginId },
              { label: "Password", value: props.password },
            ]}
          />
          <h3 className="mt-4 text-xs font-semibold uppercase tracking-wide text-slate-500">Recent API calls</h3>
          <ul data-testid="simulator-calls" className="mt-1 flex flex-col gap-0.5 font-mono text-xs">
            {(state.data?.recentCalls ?? []).slice(0, 5).map((call, index) => (
              <li key={`${call.at}-${index}`} className="flex gap-2">
                <span className="text-slate-500">{new Date(call.at).toLocaleTimeString()}</span>
                <span>{call.api}</span>
                <span className={call.status === 200 ? "text-emerald-700" : "text-red-700"}>{call.status}</span>
              </li>
            ))}
            {state.data?.recentCalls.length === 0 && (
              <li className="font-sans text-slate-500">None yet: start a flow that uses the simulator.</li>
            )}
          </ul>
          <SterlingEventQueues queues={state.data?.eventQueues ?? []} />
          <SterlingServiceQueues queues={state.data?.serviceQueues ?? []} />
          <p className="mt-3 text-xs text-slate-500">
            It speaks Sterling&apos;s REST API (login, getOrderList, getPage, createOrder…) and IBM MQ&apos;s messaging
            REST API. Its orders and messages live in memory and start over when Conflux restarts.
          </p>
        </aside>
      </section>

      <ConsoleNotice notice={notice} testId="simulator-notice" />

      <section className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 className="border-b border-slate-200 px-5 py-3 text-base font-semibold">Orders</h2>
        {state.isError && <p className="px-5 py-4 text-sm text-red-700">The simulator did not answer.</p>}
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-5 py-2 font-medium">Order</th>
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="px-3 py-2 font-medium">Lines</th>
              <th className="px-3 py-2 font-medium">Total</th>
              <th className="px-3 py-2 font-medium">Modified</th>
              <th className="px-5 py-2 text-right font-medium">Change it</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {(state.data?.orders ?? []).map((order) => (
              <tr key={order.orderHeaderKey} data-testid="simulator-order" data-order-no={order.orderNo}>
                <td className="px-5 py-2">
                  <span className="font-medium">{order.orderNo}</span>
                  <span className="block text-xs text-slate-500">
                    {order.enterpriseCode}
                    {order.customerEmail ? ` · ${order.customerEmail}` : ""}
                  </span>
                </td>
                <td className="px-3 py-2" data-testid="simulator-order-status">
                  {order.status}
                  <span className="ml-1 text-xs text-slate-500">{order.statusCode}</span>
                </td>
                <td className="px-3 py-2 text-xs text-slate-600">
                  {order.lines.map((line) => (
                    <span key={line.primeLineNo} className="block">
                      {line.quantity} × {line.itemId} <span className="text-slate-400">({line.status})</span>
                    </span>
                  ))}
                </td>
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                  {order.total} {order.currency}
                </td>
                <td className="px-3 py-2 text-xs tabular-nums text-slate-500">{order.modifyts.replace("T", " ")}</td>
                <td className="px-5 py-2">
                  <div className="flex flex-wrap justify-end gap-1">
                    {actions.map(({ action, label, title }) => (
                      <Button
                        key={action}
                        variant="ghost"
                        title={title}
                        className="px-2 py-1 text-xs"
                        disabled={act.isPending || order.statusCode === "9000"}
                        data-testid={`simulator-${action}`}
                        onClick={() => act.mutate({ action, orderHeaderKey: order.orderHeaderKey })}
                      >
                        {label}
                      </Button>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
