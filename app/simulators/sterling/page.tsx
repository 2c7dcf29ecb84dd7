import { PageHeader } from "@/components/ui/page-header";
import { SimulatorOff } from "@/components/simulators/simulator-off";
import { SterlingSimulatorConsole } from "@/components/simulators/sterling-simulator";
import { builtInSimulatorEnabled, builtInSimulatorPresets } from "@/server/connectors/sterling/simulator/built-in";

export const metadata = { title: "Sterling simulator · Conflux" };
// Whether the simulator is on is decided when Conflux starts, not when the page is built.
export const dynamic = "force-dynamic";

export default function SterlingSimulatorPage() {
  const [preset] = builtInSimulatorEnabled() ? builtInSimulatorPresets() : [];
  return (
    <>
      <PageHeader
        title="Sterling simulator"
        description="A simulated IBM Sterling OMS inside Conflux: create and change orders here, and watch your flows react."
      />
      {preset ? (
        <SterlingSimulatorConsole
          endpointUrl={preset.values.endpointUrl ?? ""}
          loginId={preset.values.loginId ?? ""}
          password={preset.values.password ?? ""}
        />
      ) : (
        <SimulatorOff name="Sterling" />
      )}
    </>
  );
}
