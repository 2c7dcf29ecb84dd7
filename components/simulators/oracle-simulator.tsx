"use client";
// The built-in Oracle Order Management simulator's page: how to connect to it, a form that creates a sales order,
// the business event endpoints, and the orders with the orchestration steps that raise events (submit, ship,
// close, cancel, hold).
import { useState, type FormEvent } from "react";
import { Button } from "../ui/button";
import { inputClass, TextInput } from "../ui/text-input";
import { CONSOLE_ENDPOINT, consoleStateSchema } from "./oracle-console-api";
import { OracleEventEndpoints } from "./oracle-event-endpoints";
import { ConnectionDetails, ConsoleNotice, useSimulatorConsole } from "./simulator-console";

const label = "flex flex-col gap-1 text-sm font-medium text-slate-700";
const steps = [
  { action: "submit", label: "Submit", title: "Submit the draft (SubmittedFlag)" },
  { action: "ship", label: "Ship", title: "Ship every fulfillment line (SHIPPED)" },
  { action: "close", label: "Close", title: "Close the order (CLOSED)" },
  { action: "cancel", label: "Cancel", title: "Cancel the order (CANCELED)" },
  { action: "hold", label: "Hold", title: "Apply a hold (Sales Order Notification only)" },
] as const;

function Select(props: { testId: string; value: string; options: string[]; onChange: (value: string) => void }) {
  return (
    <select
      data-testid={props.testId}
      className={inputClass}
      value={props.value}
      onChange={(event) => props.onChange(event.target.value)}
    >
      {props.options.map((option) => (
        <option key={option}>{option}</option>
      ))}
    </select>
  );
}

export function OracleSimulatorConsole(props: { baseUrl: string; user: string; password: string }) {
  const { state, act, notice } = useSimulatorConsole("oracle-simulator", CONSOLE_ENDPOINT, consoleStateSchema);
  const reference = state.data?.reference;
  const [form, setForm] = useState({
    sourceSystem: "LEG",
    businessUnitName: "Vision Operations",
    buyingPartyName: "Computer Service and Rentals",
    productNumber: "AS92888",
    quantity: "1",
    organization: "M1",
    submit: true,
  });

  function create(event: FormEvent) {
    event.preventDefault();
    act.mutate({ action: "create", ...form, quantity: Number(form.quantity) });
  }

  return (
    <div className="flex flex-col gap-6 p-8">
      <section className="grid gap-6 xl:grid-cols-2">
        <form
          onSubmit={create}
          data-testid="oracle-create-form"
          className="flex flex-col gap-3 self-start rounded-lg border border-slate-200 bg-white p-5 shadow-sm"
        >
          <h2 className="text-base font-semibold">Create a sales order</h2>
          <div className="grid grid-cols-2 gap-3">
            <label className={label}>
              Source system
              <Select
                testId="oracle-source-system"
                value={form.sourceSystem}
                options={reference?.sourceSystems ?? ["LEG"]}
                onChange={(value) => setForm({ ...form, sourceSystem: value })}
              />
            </label>
            <label className={label}>
              Business unit
              <Select
                testId="oracle-business-unit"
                value={form.businessUnitName}
                options={reference?.businessUnits ?? ["Vision Operations"]}
                onChange={(value) => setForm({ ...form, businessUnitName: value })}
              />
            </label>
            <label className={`${label} col-span-2`}>
              Customer
              <TextInput
                data-testid="oracle-customer"
                required
                value={form.buyingPartyName}
                onChange={(event) => setForm({ ...form, buyingPartyName: event.target.value })}
              />
            </label>
            <label className={label}>
              Item
              <Select
                testId="oracle-item"
                value={form.productNumber}
                options={reference?.items ?? ["AS92888"]}
                onChange={(value) => setForm({ ...form, productNumber: value })}
              />
            </label>
            <div className="grid grid-cols-2 gap-2">
              <label className={label}>
                Quantity
                <TextInput
                  data-testid="oracle-quantity"
                  type="number"
                  min={1}
                  max={999}
                  value={form.quantity}
                  onChange={(event) => setForm({ ...form, quantity: event.target.value })}
                />
              </label>
              <label className={label}>
                Ship from
                <Select
                  testId="oracle-organization"
                  value={form.organization}
                  options={reference?.organizations ?? ["M1"]}
                  onChange={(value) => setForm({ ...form, organization: value })}
                />
              </label>
            </div>
          </div>
          <div className="flex items-center justify-between gap-3">
            <label className="flex items-center gap-2 text-sm text-slate-700">
              <input
                type="checkbox"
                data-testid="oracle-submit-on-create"
                checked={form.submit}
                onChange={(event) => setForm({ ...form, submit: event.target.checked })}
              />
              Submit at once (otherwise a draft)
            </label>
            <Button type="submit" variant="primary" disabled={act.isPending} data-testid="oracle-create">
              Create order
            </Button>
          </div>
          <div className="mt-2 rounded-md bg-slate-50 p-3 text-xs text-slate-600">
            <p>
              Connect a flow with <strong>Connect to the built-in Oracle simulator</strong> on{" "}
              <a className="text-brand-700 underline" href="/applications">
                Applications and APIs
              </a>
              , or enter:
            </p>
            <ConnectionDetails
              rows={[
                { label: "Fusion URL", value: props.baseUrl, testId: "oracle-base-url" },
                { label: "User", value: props.user },
                { label: "Password", value: props.password },
              ]}
            />
          </div>
        </form>
        <OracleEventEndpoints
          state={state.data}
          busy={act.isPending}
          onSubscribe={(subscription) => act.mutate({ action: "subscribe", ...subscription })}
        />
      </section>

      <ConsoleNotice notice={notice} testId="oracle-notice" />

      <section className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 className="border-b border-slate-200 px-5 py-3 text-base font-semibold">Sales orders</h2>
        {state.isError && <p className="px-5 py-4 text-sm text-red-700">The simulator did not answer.</p>}
        <table className="w-full text-left text-sm">
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th className="px-5 py-2 font-medium">Order</th>
              <th className="px-3 py-2 font-medium">Status</th>
              <th className="px-3 py-2 font-medium">Lines</th>
              <th className="px-3 py-2 font-medium">Updated</th>
              <th className="px-5 py-2 text-right font-medium">Orchestration</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {(state.data?.orders ?? []).map((order) => (
              <tr key={order.orderKey} data-testid="oracle-order" data-order-key={order.orderKey}>
                <td className="px-5 py-2">
                  <span className="font-medium">{order.orderNumber}</span>
                  <span className="ml-2 font-mono text-xs text-slate-500">{order.orderKey}</span>
                  <span className="block text-xs text-slate-500">
                    {order.businessUnitName} · {order.buyingPartyName}
                  </span>
                </td>
                <td className="px-3 py-2" data-testid="oracle-order-status">
                  {order.statusCode}
                  {order.onHold && <span className="ml-1 text-xs text-amber-700">on hold</span>}
                </td>
                <td className="px-3 py-2 text-xs text-slate-600">
                  {order.lines.map((line) => (
                    <span key={line.lineNumber} className="block">
                      {line.quantity} × {line.productNumber} from {line.organization ?? "—"}{" "}
                      <span className="text-slate-400">({line.statusCode})</span>
                    </span>
                  ))}
                </td>
                <td className="px-3 py-2 text-xs tabular-nums text-slate-500">
                  {order.lastUpdateDate.slice(0, 19).replace("T", " ")}
                </td>
                <td className="whitespace-nowrap px-4 py-2">
                  <div className="flex justify-end gap-0.5">
                    {steps.map(({ action, label: text, title }) => (
                      <Button
                        key={action}
                        variant="ghost"
                        title={title}
                        className="px-2 py-1 text-xs"
                        disabled={act.isPending || order.statusCode === "CLOSED" || order.statusCode === "CANCELED"}
                        data-testid={`oracle-${action}`}
                        onClick={() => act.mutate({ action, orderKey: order.orderKey })}
                      >
                        {text}
                      </Button>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
            {state.data?.orders.length === 0 && (
              <tr>
                <td colSpan={5} className="px-5 py-4 text-sm text-slate-500">
                  No sales orders yet: create one above, or from a flow.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </section>
    </div>
  );
}
