// The built-in Oracle Order Management simulator the Connect form offers beside a real pod: the same REST layer as
// the test simulator, mounted on the app's own port under /api/simulators/oracle with the sample reference data. It
// follows the switch of the other built-in simulators (CONFLUX_STERLING_SIMULATOR: on with the embedded database).
// One per process, kept on globalThis because Next.js may load this module once per route bundle.
import type { AccountPreset } from "@/lib/account-fields";
import { getConfig, type Config } from "../../../boot/config";
import { BASIC_MODE } from "../auth";
import { SAMPLE_TOKEN, SAMPLE_USER, sampleReference } from "./fixtures";
import { createOracleBackend, type OracleBackend } from "./index";
import { createEventOutbox, type EventOutbox } from "./events";

export const ORACLE_MOUNT_PATH = "/api/simulators/oracle";

export function builtInOracleEnabled(): boolean {
  return getConfig().sterlingSimulator;
}

const holder = globalThis as typeof globalThis & {
  conflux_oracle_simulator?: { backend: OracleBackend; outbox: EventOutbox };
};

export function builtInOracle(): { backend: OracleBackend; outbox: EventOutbox } {
  holder.conflux_oracle_simulator ??= {
    backend: createOracleBackend({ users: [SAMPLE_USER], tokens: [SAMPLE_TOKEN], ...sampleReference() }),
    outbox: createEventOutbox(),
  };
  return holder.conflux_oracle_simulator;
}

/** The app's own loopback origin: the worker calls the simulator on this very server, whatever the browser used. */
export function builtInOracleBaseUrl(config: Config = getConfig()): string {
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}${ORACLE_MOUNT_PATH}`;
}

export function builtInOraclePreset(config: Config = getConfig()): AccountPreset | undefined {
  if (!config.sterlingSimulator) return undefined;
  return {
    key: "built-in-simulator",
    label: "Connect to the built-in Oracle simulator",
    description:
      "No Fusion pod needed: a simulated Oracle Order Management inside Conflux (business unit Vision Operations).",
    accountName: "Oracle simulator",
    mode: BASIC_MODE,
    values: { baseUrl: builtInOracleBaseUrl(config), user: SAMPLE_USER.user, password: SAMPLE_USER.password },
    link: { href: "/simulators/oracle", label: "Open the simulator" },
  };
}
