import { IomSimulatorConsole } from "@/components/simulators/iom-simulator";
import { PageHeader } from "@/components/ui/page-header";
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
        <p data-testid="simulator-off" className="m-8 max-w-xl rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          The built-in IOM simulator is off. It is on by default with the embedded database; set
          CONFLUX_STERLING_SIMULATOR=true to turn it on (see the README).
        </p>
      )}
    </>
  );
}
