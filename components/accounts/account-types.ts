// The browser's view of saved accounts, typed by the server's router so the two cannot drift apart.
import type { inferRouterOutputs } from "@trpc/server";
import type { ConnectorAuth } from "@/lib/account-fields";
import type { ManifestConnector } from "@/lib/connector-manifest";
import type { AppRouter } from "@/server/api/root";

export type Account = inferRouterOutputs<AppRouter>["accounts"]["list"][number];

/** A connector that declares accounts, so its Connect form can be generated. */
export type ConnectorWithAuth = ManifestConnector & { auth: ConnectorAuth };

export function hasAuth(connector: ManifestConnector): connector is ConnectorWithAuth {
  return connector.auth !== undefined;
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null ? Object.fromEntries(Object.entries(value)) : undefined;
}

/** The account field a server error is about (`details.field` of a ConfluxError), to mark it in the form. */
export function errorField(error: unknown): string | undefined {
  const conflux = record(record(record(error)?.data)?.conflux);
  const field = record(conflux?.details)?.field;
  return typeof field === "string" ? field : undefined;
}

export function modeLabel(connector: ConnectorWithAuth, modeKey: string): string {
  return connector.auth.modes.find((mode) => mode.key === modeKey)?.label ?? modeKey;
}
