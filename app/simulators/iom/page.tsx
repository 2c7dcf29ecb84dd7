import { IomSimulatorConsole } from "@/components/simulators/iom-simulator";
import { PageHeader } from "@/components/ui/page-header";
import { SimulatorOff } from "@/components/simulators/simulator-off";
import { builtInIomPreset } from "@/server/connectors/iom/simulator/built-in";

export const metadata = { title: "IOM simulator · Conflux" };
// Whether the simulator is on is decided when Conflux starts, not when the page is built.
export const dynamic = "force-dynamic";

export default function IomSimulatorPage() {
  const preset = builtInIomPreset();
  return (
    <>
      <PageHeader
        title="IOM simulator"
        description="A simulated Intershop IOM inside Conflux: see the orders your flows exported, and dispatch, pay or cancel them."
      />
      {preset ? (
        <IomSimulatorConsole
          baseUrl={preset.values.baseUrl ?? ""}
          user={preset.values.user ?? ""}
          password={preset.values.password ?? ""}
        />
      ) : (
        <SimulatorOff name="IOM" />
      )}
    </>
  );
}
