"use client";
// The built-in IOM simulator's page: how to connect to it, and the orders flows exported to it with what IOM's own
// processes would do next (dispatch with delivery note and invoice, payment, cancellation).
import { z } from "zod";
import { Button } from "../ui/button";
import { ConnectionDetails, ConsoleNotice, useSimulatorConsole } from "./simulator-console";

const orderSchema = z.object({
  shopOrderNumber: z.string(),
  shopName: z.string(),
  status: z.string(),
  total: z.number(),
  currency: z.string(),
  paid: z.boolean(),
  positions: z.array(z.object({ productNumber: z.string(), quantity: z.number(), status: z.string() })),
  documents: z.array(z.string()),
  updatedAt: z.string(),
});
const stateSchema = z.object({ orders: z.array(orderSchema) });
const ENDPOINT = "/api/simulators/iom/console";

const actions = [
  {
    action: "dispatch",
    label: "Dispatch",
    title: "Ship every position and issue the delivery note and invoice",
    doneIn: ["DISPATCHED", "RETURNED", "CANCELED"],
  },
  { action: "pay", label: "Mark paid", title: "Record a payment of the order total", doneIn: ["CANCELED"] },
  { action: "cancel", label: "Cancel", title: "Cancel the order", doneIn: ["DISPATCHED", "RETURNED", "CANCELED"] },
] as const;

export function IomSimulatorConsole(props: { baseUrl: string; user: string; password: string }) {
  const { state, act, notice } = useSimulatorConsole("iom-simulator", ENDPOINT, stateSchema);
  const orders = state.data?.orders ?? [];

  return (
    <div className="flex flex-col gap-6 p-8">
      <aside className="max-w-3xl rounded-lg border border-slate-200 bg-slate-50 p-5 text-sm text-slate-700">
        <h2 className="text-base font-semibold text-slate-900">Connect a flow to it</h2>
        <p className="mt-1">
          On{" "}
          <a className="text-brand-700 underline" href="/applications">
            Applications and APIs
          </a>
          , connect Intershop IOM and choose <strong>Connect to the built-in IOM simulator</strong>, or enter:
        </p>
        <ConnectionDetails
          rows={[
            { label: "IOM URL", value: props.baseUrl, testId: "iom-simulator-url" },
            { label: "User", value: props.user },
            { label: "Password", value: props.password },
            { label: "Shop", value: "inTRONICS (10000)" },
          ]}
        />
        <p className="mt-3 text-xs text-slate-500">
          It speaks IOM&apos;s REST services (Order 2.0, RMA 2.10, the inventory servlet), the SOAP OrderService and the
          document links. Its orders live in memory and start over when Conflux restarts.
        </p>
      </aside>

      <ConsoleNotice notice={notice} testId="iom-simulator-notice" />

      <section className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
        <h2 className="border-b border-slate-200 px-5 py-3 text-base font-semibold">Orders</h2>
        {state.isError && <p className="px-5 py-4 text-sm text-red-700">The simulator did not answer.</p>}
        {state.isSuccess && orders.length === 0 && (
          <p className="px-5 py-4 text-sm text-slate-500" data-testid="iom-simulator-empty">
            No orders yet: export one with a flow (for example the template “Sterling new order → export to IOM”).
          </p>
        )}
        {orders.length > 0 && (
          <table className="w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th className="px-5 py-2 font-medium">Shop order</th>
                <th className="px-3 py-2 font-medium">Status</th>
                <th className="px-3 py-2 font-medium">Positions</th>
                <th className="px-3 py-2 font-medium">Total</th>
                <th className="px-3 py-2 font-medium">Documents</th>
                <th className="px-5 py-2 text-right font-medium">IOM does</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {orders.map((order) => (
                <tr key={order.shopOrderNumber} data-testid="iom-simulator-order" data-order-no={order.shopOrderNumber}>
                  <td className="px-5 py-2">
                    <span className="font-medium">{order.shopOrderNumber}</span>
                    <span className="block text-xs text-slate-500">{order.shopName}</span>
                  </td>
                  <td className="px-3 py-2" data-testid="iom-simulator-order-status">
                    {order.status}
                    {order.paid && <span className="ml-1 text-xs text-emerald-700">paid</span>}
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-600">
                    {order.positions.map((position, index) => (
                      <span key={`${position.productNumber}-${index}`} className="block">
                        {position.quantity} × {position.productNumber}{" "}
                        <span className="text-slate-400">({position.status})</span>
                      </span>
                    ))}
                  </td>
                  <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                    {order.total.toFixed(2)} {order.currency}
                  </td>
                  <td className="px-3 py-2 text-xs text-slate-600" data-testid="iom-simulator-order-documents">
                    {order.documents.length ? order.documents.join(", ") : <span className="text-slate-400">none</span>}
                  </td>
                  <td className="px-5 py-2">
                    <div className="flex flex-wrap justify-end gap-1">
                      {actions.map(({ action, label, title, doneIn }) => (
                        <Button
                          key={action}
                          variant="ghost"
                          title={title}
                          className="px-2 py-1 text-xs"
                          disabled={act.isPending || doneIn.some((status) => status === order.status)}
                          data-testid={`iom-simulator-${action}`}
                          onClick={() => act.mutate({ action, shopOrderNumber: order.shopOrderNumber })}
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
        )}
      </section>
    </div>
  );
}
