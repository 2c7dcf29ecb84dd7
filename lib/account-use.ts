// Whether a step's account is needed. The connector says whether its steps need one (auth.accountRequired); an
// operation may say otherwise: a webhook trigger that the remote system calls, authenticated by the flow's own
// secret, never calls the system itself, and one that only registers itself on Start needs the account only then.
import type { JsonSchema } from "./connector-manifest";
import { describeFields } from "./schema-fields";

/**
 * How an operation uses the node's account; absent: as the connector's `accountRequired` says.
 * - `none`: never (the remote system calls the flow); the designer shows no account picker.
 * - `optional`: used when chosen, never required.
 * - `{ requiredWhen }`: required (if the connector requires accounts) only while the named boolean setting is on,
 *   e.g. "Register with NewStore on Start"; optional otherwise.
 */
export type OperationAccountUse = "none" | "optional" | { requiredWhen: string };

export type AccountNeed = "none" | "optional" | "required";

/**
 * What the node needs, given the connector's rule, the operation's declaration and the node's settings WITH their
 * defaults applied (an unset switch that defaults to on counts as on).
 */
export function accountNeed(
  connectorRequires: boolean,
  use: OperationAccountUse | undefined,
  settings: Readonly<Record<string, unknown>>,
): AccountNeed {
  if (use === "none") return "none";
  if (!connectorRequires || use === "optional") return "optional";
  if (use === undefined) return "required";
  return settings[use.requiredWhen] === true ? "required" : "optional";
}

/** The designer's view of the same rule: settings as the manifest describes them, defaults from the JSON Schema. */
export function stepAccountNeed(
  connector: { auth?: { accountRequired: boolean } },
  operation: { account?: OperationAccountUse; inputSchema: JsonSchema },
  inputs: Readonly<Record<string, unknown>>,
): AccountNeed {
  if (!connector.auth) return "none";
  const defaults = Object.fromEntries(
    describeFields(operation.inputSchema).flatMap((field) =>
      field.defaultValue === undefined ? [] : [[field.name, field.defaultValue]],
    ),
  );
  return accountNeed(connector.auth.accountRequired, operation.account, { ...defaults, ...inputs });
}
