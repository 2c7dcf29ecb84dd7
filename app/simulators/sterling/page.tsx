import { PageHeader } from "@/components/ui/page-header";
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
        <p data-testid="simulator-off" className="m-8 max-w-xl rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          The built-in Sterling simulator is off. It is on by default with the embedded database; set
          CONFLUX_STERLING_SIMULATOR=true to turn it on (see the README).
        </p>
      )}
    </>
  );
}
