import { Designer } from "@/components/designer/designer";

export const metadata = { title: "Designer · Conflux" };

export default async function FlowDesignerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <Designer flowId={id} />;
}
