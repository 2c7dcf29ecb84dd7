/** What a simulator's page says when the built-in simulators are switched off. */
export function SimulatorOff(props: { name: string }) {
  return (
    <p data-testid="simulator-off" className="m-8 max-w-xl rounded-md bg-amber-50 px-4 py-3 text-sm text-amber-900">
      The built-in {props.name} simulator is off. It is on by default with the embedded database; set
      CONFLUX_STERLING_SIMULATOR=true to turn it on (see the README).
    </p>
  );
}
