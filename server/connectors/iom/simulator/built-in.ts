// The built-in IOM simulator the Connect form offers beside a real IOM: the same REST layer as the test simulator,
// mounted on the app's own port under /api/simulators/iom with the sample shops. It follows the switch of the
// built-in Sterling simulator (CONFLUX_STERLING_SIMULATOR: on with the embedded database) so both appear together
// for newcomers. One per process, kept on globalThis because Next.js may load this module once per route bundle.
import type { AccountPreset } from "@/lib/account-fields";
import { getConfig, type Config } from "../../../boot/config";
import { BASIC_MODE } from "../auth";
import { SAMPLE_TOKEN, SAMPLE_USER, sampleShops } from "./fixtures";
import { createIomBackend, type IomBackend } from "./index";

export const IOM_MOUNT_PATH = "/api/simulators/iom";

export function builtInIomEnabled(): boolean {
  return getConfig().sterlingSimulator;
}

const holder = globalThis as typeof globalThis & { conflux_iom_simulator?: IomBackend };

export function builtInIom(): IomBackend {
  holder.conflux_iom_simulator ??= createIomBackend({
    users: [SAMPLE_USER],
    tokens: [SAMPLE_TOKEN],
    shops: sampleShops(),
  });
  return holder.conflux_iom_simulator;
}

/** The app's own loopback origin: the worker calls the simulator on this very server, whatever the browser used. */
export function builtInIomBaseUrl(config: Config = getConfig()): string {
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}${IOM_MOUNT_PATH}`;
}

export function builtInIomPreset(config: Config = getConfig()): AccountPreset | undefined {
  if (!config.sterlingSimulator) return undefined;
  return {
    key: "built-in-simulator",
    label: "Connect to the built-in IOM simulator",
    description: "No IOM installation needed: a simulated Intershop IOM inside Conflux, shop inTRONICS (10000).",
    accountName: "IOM simulator",
    mode: BASIC_MODE,
    values: {
      baseUrl: builtInIomBaseUrl(config),
      user: SAMPLE_USER.user,
      password: SAMPLE_USER.password,
      shopId: "10000",
      shopName: "inTRONICS",
    },
  };
}
