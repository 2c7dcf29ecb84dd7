// Reference data of the simulated Order Management, in the style of Oracle's Vision demo data, and the user the
// built-in simulator and the tests sign in with.
import type { SimReference } from "./state";

export const SAMPLE_USER = { user: "scm_integration", password: "Welcome1" };
export const SAMPLE_TOKEN = "simulated-oracle-access-token";

export function sampleReference(): SimReference {
  return {
    businessUnits: ["Vision Operations", "US1 Business Unit", "EMEA - Italy"],
    sourceSystems: ["LEG", "OPS", "GPR"],
    items: ["AS54888", "AS92888", "CM5008", "KB18761"],
    unitsOfMeasure: ["Each", "Box"],
    organizations: ["M1", "V1", "ITA"],
  };
}
