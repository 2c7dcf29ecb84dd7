// Where a run sits in its replay history: the run it replays, and the replays made of it.
import { RotateCcw } from "lucide-react";
import Link from "next/link";
import { formatDateTime } from "@/lib/format";
import { StatusBadge } from "../ui/status-badge";

interface LinkedRun {
  id: string;
  status: string;
}

export function ReplayOfLink({
  replayOfRunId,
  original,
}: {
  replayOfRunId: string | null;
  original: LinkedRun | null;
}) {
  if (!replayOfRunId) return null;
  return (
    <div data-testid="replay-of">
      <dt className="inline text-slate-400">Replay of </dt>
      <dd className="inline">
        {original ? (
          <Link href={`/runs/${original.id}`} className="font-mono text-xs hover:underline">
            {original.id.slice(0, 8)}
          </Link>
        ) : (
          // Retention may have deleted the original since.
          <span className="font-mono text-xs text-slate-400" title="That run no longer exists">
            {replayOfRunId.slice(0, 8)} (deleted)
          </span>
        )}
      </dd>
    </div>
  );
}

export function ReplayList({ replays }: { replays: readonly (LinkedRun & { createdAt: Date })[] }) {
  if (replays.length === 0) return null;
  return (
    <div data-testid="replays" className="rounded-xl border border-slate-200 bg-white px-4 py-3 text-sm shadow-sm">
      <p className="mb-2 flex items-center gap-1.5 font-medium">
        <RotateCcw size={14} aria-hidden /> Replays of this run
      </p>
      <ul className="flex flex-col gap-1">
        {replays.map((replay) => (
          <li key={replay.id} className="flex items-center gap-3">
            <Link href={`/runs/${replay.id}`} data-testid="replay-link" className="font-mono text-xs hover:underline">
              {replay.id.slice(0, 8)}
            </Link>
            <span className="text-slate-500">{formatDateTime(replay.createdAt)}</span>
            <StatusBadge status={replay.status} />
          </li>
        ))}
      </ul>
    </div>
  );
}
