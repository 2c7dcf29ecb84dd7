"use client";
// The files a step stored (an invoice from IOM, say), each with a download link served by
// /api/runs/<run id>/files/<file id>.
import { Download, FileText } from "lucide-react";
import { formatBytes, formatDateTime } from "@/lib/format";

export interface StepFile {
  id: string;
  name: string;
  contentType: string;
  size: number;
  createdAt: Date;
}

export function StepFiles({ runId, files }: { runId: string; files: StepFile[] }) {
  if (files.length === 0) return null;
  return (
    <div data-testid="step-files">
      <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">
        Files <span className="font-normal normal-case text-slate-400">· {files.length}</span>
      </p>
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200">
        {files.map((file) => (
          <li key={file.id} className="flex items-center gap-3 px-3 py-2 text-sm" data-testid="step-file">
            <FileText size={16} aria-hidden className="shrink-0 text-slate-400" />
            <div className="min-w-0 flex-1">
              <p className="truncate font-medium text-slate-800" data-testid="step-file-name">
                {file.name}
              </p>
              <p className="text-xs text-slate-500">
                {file.contentType} · {formatBytes(file.size)} · {formatDateTime(file.createdAt)}
              </p>
            </div>
            <a
              href={`/api/runs/${encodeURIComponent(runId)}/files/${encodeURIComponent(file.id)}`}
              download={file.name}
              data-testid="step-file-download"
              className="inline-flex shrink-0 items-center gap-1 rounded-md border border-slate-200 px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
            >
              <Download size={14} aria-hidden /> Download
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
