import { PageHeader } from "@/components/ui/page-header";
import { OracleSimulatorConsole } from "@/components/simulators/oracle-simulator";
import { builtInOracleEnabled, builtInOraclePreset } from "@/server/connectors/oracle/simulator/built-in";

export const metadata = { title: "Oracle simulator · Conflux" };
// Whether the simulator is on is decided when Conflux starts, not when the page is built.
export const dynamic = "force-dynamic";

export default function OracleSimulatorPage() {
  const preset = builtInOracleEnabled() ? builtInOraclePreset() : undefined;
  return (
    <>
      <PageHeader
        title="Oracle Order Management simulator"
        description="A simulated Oracle Fusion Order Management inside Conflux: create sales orders, move them along and send Oracle's business events to your flows."
      />
      {preset ? (
        <OracleSimulatorConsole
          baseUrl={preset.values.baseUrl ?? ""}
          user={preset.values.user ?? ""}
          password={preset.values.password ?? ""}
        />
      ) : (
        <p data-testid="simulator-off" className="m-8 max-w-xl rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
          The built-in Oracle simulator is off. It is on by default with the embedded database; set
          CONFLUX_STERLING_SIMULATOR=true to turn it on (see the README).
        </p>
      )}
    </>
  );
}
