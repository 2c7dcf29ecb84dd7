import { PageHeader } from "@/components/ui/page-header";
import { SimulatorOff } from "@/components/simulators/simulator-off";
import { NewStoreSimulatorConsole } from "@/components/simulators/newstore-simulator";
import { builtInNewStoreEnabled, builtInNewStorePreset } from "@/server/connectors/newstore/simulator/built-in";

export const metadata = { title: "NewStore simulator · Conflux" };
// Whether the simulator is on is decided when Conflux starts, not when the page is built.
export const dynamic = "force-dynamic";

export default function NewStoreSimulatorPage() {
  const preset = builtInNewStoreEnabled() ? builtInNewStorePreset() : undefined;
  return (
    <>
      <PageHeader
        title="NewStore simulator"
        description="A simulated NewStore tenant beside an external OMS: it asks the availability webhook your flow registered, as NewStore does on every basket."
      />
      {preset ? (
        <NewStoreSimulatorConsole
          tenantUrl={preset.values.tenantUrl ?? ""}
          clientId={preset.values.clientId ?? ""}
          clientSecret={preset.values.clientSecret ?? ""}
        />
      ) : (
        <SimulatorOff name="NewStore" />
      )}
    </>
  );
}
