"use client";
// What every simulator page shares: its state read from the console route every few seconds, one action at a time
// with its outcome as a notice, and the connection details a user types into the Connect form instead of a preset.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import type { z } from "zod";
import { readConsole, sendConsoleAction } from "./console-api";

const REFRESH_MS = 5000;

export interface ConsoleNoticeState {
  text: string;
  error: boolean;
}

/** `key` names the page's query; actions are posted to `endpoint` and refresh the state when done. */
export function useSimulatorConsole<T extends z.ZodType>(key: string, endpoint: string, schema: T) {
  const queryClient = useQueryClient();
  const state = useQuery({
    queryKey: [key],
    queryFn: () => readConsole(endpoint, schema),
    refetchInterval: REFRESH_MS,
  });
  const [notice, setNotice] = useState<ConsoleNoticeState | null>(null);
  const act = useMutation({
    mutationFn: (body: unknown) => sendConsoleAction(endpoint, body),
    onSuccess: (message) => setNotice({ text: message, error: false }),
    onError: (error) => setNotice({ text: error.message, error: true }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: [key] }),
  });
  return { state, act, notice };
}

export function ConsoleNotice({ notice, testId }: { notice: ConsoleNoticeState | null; testId: string }) {
  if (!notice) return null;
  return (
    <p
      role={notice.error ? "alert" : "status"}
      data-testid={testId}
      className={`rounded-md px-3 py-2 text-sm ${notice.error ? "bg-red-50 text-red-700" : "bg-emerald-50 text-emerald-800"}`}
    >
      {notice.text}
    </p>
  );
}

/** Label and value rows; `testId` marks a value a spec reads. */
export function ConnectionDetails({ rows }: { rows: Array<{ label: string; value: ReactNode; testId?: string }> }) {
  return (
    <dl className="mt-3 grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-xs">
      {rows.map((row) => (
        <div key={row.label} className="contents">
          <dt className="font-medium">{row.label}</dt>
          <dd className="break-all font-mono" data-testid={row.testId}>
            {row.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
