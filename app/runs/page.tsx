import { RunsList } from "@/components/runs/runs-list";

export const metadata = { title: "Runs · Conflux" };

export default function RunsPage() {
  return <RunsList />;
}
