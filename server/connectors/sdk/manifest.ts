// Turns connector declarations into the serializable manifest the designer renders (lib/connector-manifest.ts).
import { z } from "zod";
import type {
  ConnectorManifest,
  JsonSchema,
  ManifestConnector,
  ManifestOperation,
  ManifestOptionList,
} from "@/lib/connector-manifest";
import type { AnyAction, AnyTrigger, ConnectorDefinition } from "./types";

function toSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  // Inputs are described as the user types them (defaulted fields optional); outputs as later steps receive them.
  // `unrepresentable: "any"` keeps one odd field (a transform, a date) from breaking the whole manifest.
  const json: JsonSchema = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
  return json;
}

function operation(definition: AnyAction | AnyTrigger, kind: "trigger" | "action"): ManifestOperation {
  const sample = "sample" in definition ? definition.sample : undefined;
  const businessKey = "businessKey" in definition ? definition.businessKey : undefined;
  return {
    ...(sample === undefined ? {} : { sample }),
    ...(businessKey === undefined ? {} : { businessKey }),
    key: definition.key,
    kind,
    ...("kind" in definition && kind === "trigger" ? { triggerKind: definition.kind } : {}),
    label: definition.label,
    description: definition.description,
    group: definition.group,
    ...(definition.modes ? { accountModes: [...definition.modes] } : {}),
    ...(definition.account === undefined ? {} : { account: definition.account }),
    inputSchema: toSchema(definition.input, "input"),
    outputSchema: toSchema(definition.output, "output"),
  };
}

/** What the designer needs to know of each loader; the loading itself stays on the server. */
function optionLists(connector: ConnectorDefinition): Record<string, ManifestOptionList> {
  return Object.fromEntries(
    Object.entries(connector.optionsLoaders ?? {}).map(([key, loader]) => [
      key,
      { noun: loader.noun, dependsOn: [...(loader.dependsOn ?? [])] },
    ]),
  );
}

export function buildConnectorManifest(connectors: readonly ConnectorDefinition[]): ConnectorManifest {
  return {
    connectors: connectors.map((connector): ManifestConnector => ({
      id: connector.id,
      name: connector.name,
      description: connector.description,
      icon: connector.icon,
      // Field declarations only: the manifest is public, values live in saved accounts. Presets are the exception,
      // and hold only what is public anyway (the built-in simulator's sample login, shown on its own page).
      ...(connector.auth
        ? {
            auth: {
              accountRequired: connector.auth.accountRequired,
              modes: connector.auth.modes,
              ...(connector.auth.presets?.length ? { presets: connector.auth.presets } : {}),
            },
          }
        : {}),
      testable: connector.testConnection !== undefined,
      ...(connector.rateLimit ? { rateLimit: { ...connector.rateLimit } } : {}),
      triggers: connector.triggers.map((trigger) => operation(trigger, "trigger")),
      actions: connector.actions.map((action) => operation(action, "action")),
      ...(connector.templates?.length ? { templates: connector.templates } : {}),
      ...(connector.optionsLoaders ? { optionLists: optionLists(connector) } : {}),
    })),
  };
}
