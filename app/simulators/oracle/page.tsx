import { PageHeader } from "@/components/ui/page-header";
import { SimulatorOff } from "@/components/simulators/simulator-off";
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
        <SimulatorOff name="Oracle" />
      )}
    </>
  );
}
