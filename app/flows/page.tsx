import { FlowsList } from "@/components/flows/flows-list";

export const metadata = { title: "Flows · Conflux" };

export default function FlowsPage() {
  return <FlowsList />;
}
