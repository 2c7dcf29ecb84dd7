"use client";
// The workspace's outbound allow-list: the private or local systems (an on-premises Sterling at 10.x) its flows,
// Test connection and field lists may reach, which the outbound guard refuses by default.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ShieldCheck } from "lucide-react";
import { useEffect, useState } from "react";
import { toast } from "sonner";
import { useTRPC } from "../trpc";
import { Button } from "../ui/button";
import { errorMessage } from "../ui/error-message";

function entriesOf(text: string): string[] {
  return text
    .split(/[\n,]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

export function OutboundAllowList() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.settings.get.queryOptions());
  const [text, setText] = useState("");
  const saved = settings.data?.outboundAllowList.join("\n") ?? "";
  useEffect(() => setText(saved), [saved]);
  const save = useMutation(
    trpc.settings.saveOutboundAllowList.mutationOptions({
      onSuccess: async (result) => {
        setText(result.outboundAllowList.join("\n"));
        await queryClient.invalidateQueries({ queryKey: trpc.settings.get.queryKey() });
        toast.success("Outbound allow-list saved");
      },
    }),
  );
  const changed = text.trim() !== saved.trim();

  return (
    <section
      aria-labelledby="outbound-title"
      className="max-w-3xl rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <h2 id="outbound-title" className="flex items-center gap-2 text-base font-semibold text-slate-900">
        <ShieldCheck aria-hidden size={18} className="text-brand-600" />
        Outbound allow-list
      </h2>
      <p className="mt-2 text-sm text-slate-600">
        Flows, Test connection and field lists may only reach public addresses. Loopback, private, link-local and cloud
        metadata addresses are refused, so that a URL typed into a step cannot reach systems behind your firewall. List
        here the on-premises systems this workspace may call, one per line:
      </p>
      <ul className="mt-2 list-disc pl-5 text-sm text-slate-600">
        <li>
          an address range, e.g. <code className="rounded bg-slate-100 px-1">10.20.0.0/16</code>
        </li>
        <li>
          an address, optionally with a port, e.g. <code className="rounded bg-slate-100 px-1">10.20.0.5:9443</code>
        </li>
        <li>
          a host name, or all names under a domain, e.g.{" "}
          <code className="rounded bg-slate-100 px-1">sterling.corp.local</code> or{" "}
          <code className="rounded bg-slate-100 px-1">*.corp.local</code>
        </li>
      </ul>
      <label htmlFor="outbound-allow-list" className="mt-4 block text-sm font-medium text-slate-800">
        Allowed systems
      </label>
      <textarea
        id="outbound-allow-list"
        data-testid="outbound-allow-list"
        rows={6}
        spellCheck={false}
        disabled={settings.isPending}
        placeholder={"10.20.0.0/16\nsterling.corp.local"}
        value={text}
        onChange={(event) => setText(event.target.value)}
        className="mt-1 w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm shadow-sm outline-none focus:border-brand-500 focus:ring-2 focus:ring-brand-500/20"
      />
      {save.error ? (
        <p role="alert" data-testid="outbound-allow-list-error" className="mt-2 text-sm text-red-700">
          {errorMessage(save.error)}
        </p>
      ) : null}
      {settings.error ? (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {errorMessage(settings.error)}
        </p>
      ) : null}
      <div className="mt-4 flex items-center gap-3">
        <Button
          variant="primary"
          data-testid="outbound-allow-list-save"
          disabled={!changed || save.isPending}
          onClick={() => save.mutate({ entries: entriesOf(text) })}
        >
          {save.isPending ? "Saving…" : "Save allow-list"}
        </Button>
        <span className="text-xs text-slate-500">
          Applies to new requests within a few seconds. The server&apos;s own list (CONFLUX_OUTBOUND_ALLOW) applies
          besides it.
        </span>
      </div>
    </section>
  );
}
