// A readable diff between two flow versions: steps added, removed and changed (with the fields), and connections.
import { describeField, isEmptyDiff, type EdgeSummary, type FlowDiff } from "@/lib/flow-diff";

const handleWords: Record<EdgeSummary["sourceHandle"], string> = {
  next: "",
  true: " (true path)",
  false: " (false path)",
  error: " (on error)",
  each: " (for each item)",
};

function edgeText(edge: EdgeSummary, names: Record<string, string>): string {
  return `${names[edge.source] ?? edge.source} → ${names[edge.target] ?? edge.target}${handleWords[edge.sourceHandle]}`;
}

function Section(props: {
  title: string;
  tone: string;
  testId: string;
  items: { key: string; text: string; detail?: string }[];
}) {
  if (props.items.length === 0) return null;
  return (
    <section data-testid={props.testId}>
      <h4 className="text-xs font-semibold uppercase tracking-wide text-slate-500">{props.title}</h4>
      <ul className="mt-1 space-y-1">
        {props.items.map((item) => (
          <li key={item.key} className={`rounded-md border px-2 py-1 text-sm ${props.tone}`}>
            <span className="font-medium">{item.text}</span>
            {item.detail && <span className="text-slate-600"> — {item.detail}</span>}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function VersionDiffView({ diff }: { diff: FlowDiff }) {
  if (isEmptyDiff(diff)) {
    return (
      <p data-testid="version-diff-empty" className="text-sm text-slate-500">
        No differences.
      </p>
    );
  }
  const names = diff.nodeNames;
  return (
    <div data-testid="version-diff" className="flex flex-col gap-3">
      <Section
        title="Steps added"
        tone="border-emerald-200 bg-emerald-50"
        testId="diff-nodes-added"
        items={diff.nodesAdded.map((node) => ({ key: node.id, text: node.name }))}
      />
      <Section
        title="Steps removed"
        tone="border-red-200 bg-red-50"
        testId="diff-nodes-removed"
        items={diff.nodesRemoved.map((node) => ({ key: node.id, text: node.name }))}
      />
      <Section
        title="Steps changed"
        tone="border-amber-200 bg-amber-50"
        testId="diff-nodes-changed"
        items={diff.nodesChanged.map((node) => ({
          key: node.id,
          text: node.name,
          detail: node.fields.map(describeField).join(", "),
        }))}
      />
      <Section
        title="Connections added"
        tone="border-emerald-200 bg-emerald-50"
        testId="diff-edges-added"
        items={diff.edgesAdded.map((edge) => ({ key: edgeText(edge, names), text: edgeText(edge, names) }))}
      />
      <Section
        title="Connections removed"
        tone="border-red-200 bg-red-50"
        testId="diff-edges-removed"
        items={diff.edgesRemoved.map((edge) => ({ key: edgeText(edge, names), text: edgeText(edge, names) }))}
      />
    </div>
  );
}
