// The built-in Sterling simulator that newcomers connect to instead of a licensed Sterling: the same REST layer as
// the test simulator, mounted on the app's own port under /api/simulators/sterling (so nothing else needs opening),
// with the sample enterprise, nodes, items and orders. One per process, kept on globalThis because Next.js may load
// this module once per route bundle; its orders live in memory and start over when Conflux restarts.
import type { AccountPreset } from "@/lib/account-fields";
import { getConfig, type Config } from "../../../boot/config";
import { REST_MODE } from "../auth";
import { SAMPLE_USER, sampleData } from "./fixtures";
import { createSterlingBackend, type SterlingBackend } from "./index";

export const BUILT_IN_MOUNT_PATH = "/api/simulators/sterling";

export function builtInSimulatorEnabled(): boolean {
  return getConfig().sterlingSimulator;
}

const holder = globalThis as typeof globalThis & { conflux_sterling_simulator?: SterlingBackend };

export function builtInSimulator(): SterlingBackend {
  if (!holder.conflux_sterling_simulator) {
    const { mq: _mq, ...data } = sampleData();
    holder.conflux_sterling_simulator = createSterlingBackend(data, BUILT_IN_MOUNT_PATH);
  }
  return holder.conflux_sterling_simulator;
}

/**
 * The Connect form's "built-in simulator" choice. The worker calls the simulator on this very server, so the URL is
 * the loopback address of the app's port, whatever address the browser used.
 */
export function builtInSimulatorPreset(config: Config = getConfig()): AccountPreset | undefined {
  if (!config.sterlingSimulator) return undefined;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  const origin = `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}`;
  return {
    key: "built-in-simulator",
    label: "Connect to the built-in Sterling simulator",
    description:
      "No Sterling licence needed: a simulated Sterling OMS inside Conflux, with sample orders to try flows on.",
    accountName: "Sterling simulator",
    mode: REST_MODE,
    values: {
      endpointUrl: `${origin}${BUILT_IN_MOUNT_PATH}/smcfs/restapi`,
      loginId: SAMPLE_USER.loginId,
      password: SAMPLE_USER.password,
    },
    link: { href: "/simulators/sterling", label: "Open the simulator" },
  };
}
