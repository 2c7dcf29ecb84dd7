// The built-in NewStore simulator the Connect form offers beside a real tenant: the same backend as the tests,
// mounted on the app's own port under /api/simulators/newstore. It follows the switch of the other built-in
// simulators (CONFLUX_STERLING_SIMULATOR: on with the embedded database), and accepts http:// webhook addresses on
// loopback (NewStore itself calls https only) so that it can ask this very server. One per process, on globalThis
// because Next.js may load this module once per route bundle.
import type { AccountPreset } from "@/lib/account-fields";
import { getConfig, type Config } from "../../../boot/config";
import { API_CLIENT_MODE } from "../auth";
import { tokenPath } from "../paths";
import { createNewStoreBackend, type NewStoreBackend } from "./index";

export const NEWSTORE_MOUNT_PATH = "/api/simulators/newstore";
export const SIMULATOR_REALM = "conflux-sandbox";
export const SIMULATOR_CLIENT = { clientId: "conflux", clientSecret: "newstore-simulator-secret", ttlSeconds: 3600 };

export function builtInNewStoreEnabled(): boolean {
  return getConfig().sterlingSimulator;
}

const holder = globalThis as typeof globalThis & { conflux_newstore_simulator?: NewStoreBackend };

export function builtInNewStore(): NewStoreBackend {
  holder.conflux_newstore_simulator ??= createNewStoreBackend({
    realm: SIMULATOR_REALM,
    clients: [SIMULATOR_CLIENT],
    allowLoopbackHttp: true,
  });
  return holder.conflux_newstore_simulator;
}

/** The app's own loopback origin: the worker calls the simulator on this very server, whatever the browser used. */
export function builtInNewStoreBaseUrl(config: Config = getConfig()): string {
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "127.0.0.1" : config.HOST;
  return `http://${host.includes(":") ? `[${host}]` : host}:${config.PORT}${NEWSTORE_MOUNT_PATH}`;
}

export function builtInNewStorePreset(config: Config = getConfig()): AccountPreset | undefined {
  if (!config.sterlingSimulator) return undefined;
  const baseUrl = builtInNewStoreBaseUrl(config);
  return {
    key: "built-in-simulator",
    label: "Connect to the built-in NewStore simulator",
    description: "No NewStore tenant needed: a simulated tenant inside Conflux that asks your flows for availability.",
    accountName: "NewStore simulator",
    mode: API_CLIENT_MODE,
    values: {
      tenantUrl: baseUrl,
      clientId: SIMULATOR_CLIENT.clientId,
      clientSecret: SIMULATOR_CLIENT.clientSecret,
      tokenUrl: `${baseUrl}${tokenPath(SIMULATOR_REALM)}`,
    },
  };
}
