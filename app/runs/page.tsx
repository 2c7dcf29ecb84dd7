import { Suspense } from "react";
import { RunsList } from "@/components/runs/runs-list";

export const metadata = { title: "Runs · Conflux" };

export default function RunsPage() {
  // The filters live in the URL (useSearchParams), which needs a Suspense boundary for the static shell.
  return (
    <Suspense>
      <RunsList />
    </Suspense>
  );
}
