import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { FlowNode } from "@/lib/flow-graph";
import { DesignerStoreProvider } from "../store/provider";
import { StepSettingsSection } from "./step-settings";

const node = (settings?: FlowNode["settings"]): FlowNode => ({
  id: "fetch",
  type: "action",
  position: { x: 0, y: 0 },
  connectorId: "http",
  operation: "request",
  inputs: {},
  ...(settings ? { settings } : {}),
});

const render = (step: FlowNode) =>
  renderToStaticMarkup(
    <DesignerStoreProvider flowId="flow-1">
      <StepSettingsSection node={step} />
    </DesignerStoreProvider>,
  );

const selected = (html: string, testId: string) =>
  new RegExp(`data-testid="${testId}"[^>]*>.*?<option value="([^"]+)" selected=""`).exec(html)?.[1];

describe("step settings section", () => {
  it("shows the defaults for a step without settings", () => {
    const html = render(node());
    expect(selected(html, "setting-max-attempts")).toBe("3");
    expect(selected(html, "setting-on-error")).toBe("fail");
    expect(html).toMatch(/data-testid="setting-timeout"[^>]*value=""/);
    expect(html).not.toContain("steps.fetch.error.message");
  });

  it("shows stored settings, the timeout in seconds, and how the error path reads the error", () => {
    const html = render(node({ maxAttempts: 5, timeoutMs: 20_000, onError: "branch" }));
    expect(selected(html, "setting-max-attempts")).toBe("5");
    expect(selected(html, "setting-on-error")).toBe("branch");
    expect(html).toMatch(/data-testid="setting-timeout"[^>]*value="20"/);
    expect(html).toContain("{{ steps.fetch.error.message }}");
  });
});
