// NewStore's API paths, in one place because several are not in the documentation we could read
// (../shared/protocols/oracle-newstore.md, B1-B3). Documented: the API base https://{tenant}.p.newstore.net/v0, the
// token endpoint of the tenant's identity realm, and /config/availability/webhook (Get, Update, Delete). Guessed
// (NewStore documents the methods by name only): PUT for Update, and the paths and methods of the external OMS config
// and of the external-ATP switch, modelled on NewStore's other config endpoints (GET answers { value, updated_at }).
export const API_PREFIX = "/v0";

export const AVAILABILITY_WEBHOOK_PATH = `${API_PREFIX}/config/availability/webhook`;
/** Guess: "Get external OMS config" / "Enable external OMS config". */
export const EXTERNAL_OMS_PATH = `${API_PREFIX}/config/sales_order/external_oms`;
/** Guess: "Get config to request external ATP data" / "Enable config to request external ATP data". */
export const EXTERNAL_ATP_PATH = `${API_PREFIX}/config/availability/external_atp`;

/** The token endpoint of a realm (the tenant): Keycloak's standard path under NewStore's identity host. */
export function tokenPath(realm: string): string {
  return `/auth/realms/${encodeURIComponent(realm)}/protocol/openid-connect/token`;
}

export const NEWSTORE_ID_ORIGIN = "https://id.p.newstore.net";
