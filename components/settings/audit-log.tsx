"use client";
// The audit log (admins): who did what to which flow, account, run, member or token, when and from where; filters,
// a CSV download of what matches, and how long events are kept.
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, ScrollText } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";
import { TextInput } from "../ui/text-input";
import { selectClass } from "./role-select";

const TARGETS = ["flow", "run", "account", "member", "token", "settings", "workspace", "person"] as const;
type Target = (typeof TARGETS)[number];

interface Filter {
  actor: string;
  action: string;
  targetType: Target | "";
  from: string;
  to: string;
}

function apiFilter(filter: Filter) {
  return {
    actor: filter.actor || undefined,
    action: filter.action || undefined,
    targetType: filter.targetType || undefined,
    from: filter.from ? new Date(filter.from) : undefined,
    to: filter.to ? new Date(`${filter.to}T23:59:59.999`) : undefined,
  };
}

function exportHref(filter: Filter): string {
  const params = new URLSearchParams();
  const api = apiFilter(filter);
  for (const [key, value] of Object.entries(api)) {
    if (value instanceof Date) params.set(key, value.toISOString());
    else if (value) params.set(key, value);
  }
  return `/api/audit/export?${params.toString()}`;
}

function Retention() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const retention = useQuery(trpc.audit.retention.queryOptions());
  const [days, setDays] = useState("");
  useEffect(() => setDays(retention.data ? String(retention.data.days) : ""), [retention.data]);
  const save = useMutation(
    trpc.audit.setRetention.mutationOptions({
      onSuccess: async () => {
        toast.success("Audit retention saved");
        await queryClient.invalidateQueries({ queryKey: trpc.audit.retention.queryKey() });
      },
      onError: (error) => toast.error(errorMessage(error)),
    }),
  );
  return (
    <div className="flex items-end gap-2 text-sm">
      <label className="flex flex-col gap-1 font-medium text-slate-700">
        Keep events for (days)
        <TextInput
          type="number"
          min={1}
          className="w-28"
          value={days}
          onChange={(event) => setDays(event.target.value)}
          data-testid="audit-retention-days"
        />
      </label>
      <Button
        onClick={() => save.mutate({ days: Number(days) })}
        disabled={save.isPending || days === String(retention.data?.days ?? "")}
        data-testid="audit-retention-save"
      >
        Save
      </Button>
    </div>
  );
}

export function AuditLog() {
  const trpc = useTRPC();
  const [filter, setFilter] = useState<Filter>({ actor: "", action: "", targetType: "", from: "", to: "" });
  const events = useInfiniteQuery(
    trpc.audit.list.infiniteQueryOptions(
      { filter: apiFilter(filter) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const set = (key: keyof Filter) => (event: { target: { value: string } }) =>
    setFilter((previous) => ({ ...previous, [key]: event.target.value }));
  const rows = events.data?.pages.flatMap((page) => page.events) ?? [];

  return (
    <section className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <h2 className="flex items-center gap-2 text-base font-semibold text-slate-900">
          <ScrollText aria-hidden size={18} className="text-brand-600" /> Audit log
        </h2>
        <Retention />
      </div>
      <div className="mt-4 flex flex-wrap items-end gap-3 text-sm" data-testid="audit-filters">
        <label className="flex flex-col gap-1 font-medium text-slate-700">
          Who
          <TextInput value={filter.actor} onChange={set("actor")} placeholder="name, e-mail or token" />
        </label>
        <label className="flex flex-col gap-1 font-medium text-slate-700">
          Action
          <TextInput
            value={filter.action}
            onChange={set("action")}
            placeholder="flows.start"
            data-testid="audit-action"
          />
        </label>
        <label className="flex flex-col gap-1 font-medium text-slate-700">
          On
          <select
            className={selectClass}
            value={filter.targetType}
            onChange={set("targetType")}
            data-testid="audit-target"
          >
            <option value="">anything</option>
            {TARGETS.map((target) => (
              <option key={target} value={target}>
                {target}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 font-medium text-slate-700">
          From
          <TextInput type="date" value={filter.from} onChange={set("from")} />
        </label>
        <label className="flex flex-col gap-1 font-medium text-slate-700">
          To
          <TextInput type="date" value={filter.to} onChange={set("to")} />
        </label>
        <a
          href={exportHref(filter)}
          className="inline-flex items-center gap-1.5 rounded-md border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 shadow-sm hover:bg-slate-50"
          data-testid="audit-export"
        >
          <Download aria-hidden size={15} /> CSV
        </a>
      </div>
      {events.error ? (
        <p role="alert" className="mt-4 text-sm text-red-700">
          {errorMessage(events.error)}
        </p>
      ) : null}
      <table className="mt-6 w-full text-left text-sm" data-testid="audit-table">
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-500">
          <tr>
            <th className="py-2 font-medium">When</th>
            <th className="py-2 font-medium">Who</th>
            <th className="py-2 font-medium">Did</th>
            <th className="py-2 font-medium">To</th>
            <th className="py-2 font-medium">From</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((event) => (
            <tr key={event.id} className="border-b border-slate-100 align-top" data-testid="audit-row">
              <td className="whitespace-nowrap py-2 pr-3 text-xs text-slate-600">
                {new Date(event.createdAt).toLocaleString()}
              </td>
              <td className="py-2 pr-3">{event.actor}</td>
              <td className="py-2 pr-3 font-mono text-xs">{event.action}</td>
              <td className="py-2 pr-3">
                <span className="text-slate-500">{event.targetType}</span> {event.targetName ?? event.targetId ?? ""}
              </td>
              <td className="py-2 text-xs text-slate-500" title={event.userAgent ?? undefined}>
                {event.ip ?? "unknown"}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 && !events.isPending ? <p className="mt-3 text-sm text-slate-500">No events match.</p> : null}
      {events.hasNextPage ? (
        <Button className="mt-4" onClick={() => void events.fetchNextPage()} disabled={events.isFetchingNextPage}>
          Show older events
        </Button>
      ) : null}
    </section>
  );
}
