import { Designer } from "@/components/designer/designer";
import { DesignerStoreProvider } from "@/components/designer/store/provider";

export const metadata = { title: "Designer · Conflux" };

export default async function FlowDesignerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  // Keyed by the flow: going from one flow to another creates a new designer store instead of reusing this one.
  return (
    <DesignerStoreProvider key={id} flowId={id}>
      <Designer />
    </DesignerStoreProvider>
  );
}
