// Fixtures shared by the end-to-end specs: a local HTTP server that flows can call, recording what it receives.
import http from "node:http";
import net from "node:net";
import { expect, test as base, type APIRequestContext, type Locator, type Page } from "@playwright/test";
import { startSterlingSimulator, type SterlingSimulator } from "../server/connectors/sterling/simulator";
import { SAMPLE_USER, sampleData } from "../server/connectors/sterling/simulator/fixtures";

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface RecordingServer {
  url: string;
  received: ReceivedRequest[];
}

/**
 * Adds the host:port of `url` to the workspace's outbound allow-list, as a user would in Settings: the outbound
 * guard refuses loopback, and the specs' remote systems listen there.
 */
export async function allowOutbound(request: APIRequestContext, url: string): Promise<void> {
  const current = await request.get("/api/trpc/settings.get");
  expect(current.ok()).toBe(true);
  const body = (await current.json()) as { result: { data: { json: { outboundAllowList: string[] } } } };
  const entries = [...body.result.data.json.outboundAllowList, new URL(url).host];
  const saved = await request.post("/api/trpc/settings.saveOutboundAllowList", {
    data: { json: { entries } },
    headers: { origin: new URL(current.url()).origin },
  });
  expect(saved.ok(), await saved.text()).toBe(true);
}

/** A loopback URL on a port that was free a moment ago and is closed now: connecting to it is refused at once. */
async function closedPortUrl(): Promise<string> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** An API that wants HTTP Basic credentials: 401 without the right ones, a small JSON reply with them. */
export interface ProtectedServer extends RecordingServer {
  username: string;
  password: string;
}

async function listen(server: http.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return `http://127.0.0.1:${port}`;
}

export const test = base.extend<{
  recordingServer: RecordingServer;
  protectedServer: ProtectedServer;
  unreachableUrl: string;
}>({
  protectedServer: async ({ request }, use) => {
    const username = "analyst";
    const password = `pw-${Date.now()}`;
    const expected = `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
    const received: ReceivedRequest[] = [];
    const server = http.createServer((request, response) => {
      received.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body: "" });
      if (request.headers.authorization !== expected) {
        response.writeHead(401, { "content-type": "application/json", "www-authenticate": 'Basic realm="orders"' });
        response.end(JSON.stringify({ error: "invalid credentials" }));
        return;
      }
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify({ orders: [{ orderNo: "Y100042" }] }));
    });
    const url = await listen(server);
    await allowOutbound(request, url);
    await use({ url, received, username, password });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
  unreachableUrl: async ({ request }, use) => {
    const url = await closedPortUrl();
    await allowOutbound(request, url);
    await use(url);
  },
  recordingServer: async ({ request }, use) => {
    const received: ReceivedRequest[] = [];
    const server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        received.push({ method: request.method ?? "", url: request.url ?? "", headers: request.headers, body });
        response.writeHead(201, { "content-type": "application/json" });
        response.end(JSON.stringify({ orderNumber: "IOM-4711", accepted: true, echoedBody: body }));
      });
    });
    const url = await listen(server);
    await allowOutbound(request, url);
    await use({ url, received });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  },
});

/** Creates a flow from the flows list, as a user would, and waits for its designer to open. */
export async function createFlow(page: Page, name: string): Promise<void> {
  await page.goto("/flows");
  await page.getByTestId("new-flow-button").click();
  await page.getByTestId("new-flow-name-input").fill(name);
  await page.getByTestId("create-flow-submit").click();
  await expect(page.getByTestId("flow-name")).toContainText(name);
}

/**
 * Opens the run history and waits for the newest run of `flowName` (whose row also shows `text`, when given) to reach
 * `status`. The list keeps itself live (new runs and status changes arrive every few seconds), so the spec waits on
 * it as a user would: reloading instead raced the list's first load and counted rows before any had arrived.
 */
export async function waitForRunRow(
  page: Page,
  options: { flowName: string; text?: string; status?: string; timeout?: number },
): Promise<Locator> {
  await page.goto("/runs");
  let rows = page.getByTestId("run-row").filter({ hasText: options.flowName });
  if (options.text) rows = rows.filter({ hasText: options.text });
  const row = rows.first();
  await expect(row).toHaveAttribute("data-status", options.status ?? "succeeded", {
    timeout: options.timeout ?? 60_000,
  });
  return row;
}

/**
 * On a running flow's page, opens the trigger's panel and waits for the flow's own first check of a polling trigger.
 * A "from now" start counts what exists at that check as seen, so a spec makes its new item only after it: another
 * flow polling the same simulator is no sign that this one has looked.
 */
export async function waitForFirstCheck(page: Page): Promise<void> {
  await page.getByTestId("node-trigger").click();
  await expect(page.getByTestId("node-panel").getByTestId("poll-last-checked")).toBeVisible({ timeout: 30_000 });
}

/**
 * Connects an account of `connector` to its built-in simulator from the Connect form, as a newcomer does, checks the
 * preset filled in the simulator's address (`urlField`) and waits for the saved account to show Connected.
 */
export async function connectBuiltInSimulator(
  page: Page,
  options: {
    connector: string;
    accountName: string;
    urlField: { testId: string; value: RegExp };
    /** Where to save a screenshot of the filled-in form. */
    screenshot?: string;
  },
): Promise<void> {
  await page.goto("/applications");
  const toggle = page.getByTestId(`application-toggle-${options.connector}`);
  if ((await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await page.getByTestId(`connect-${options.connector}`).click();
  const dialog = page.getByTestId("account-dialog");
  await dialog.getByTestId("account-preset-built-in-simulator").click();
  await expect(dialog.getByTestId(options.urlField.testId)).toHaveValue(options.urlField.value);
  await dialog.getByTestId("account-name-input").fill(options.accountName);
  if (options.screenshot) await page.screenshot({ path: options.screenshot });
  await dialog.getByTestId("account-submit").click();
  await expect(dialog).toBeHidden();
  const row = page.locator(`[data-testid="account-row"][data-account-name="${options.accountName}"]`);
  await expect(row.getByTestId("account-status")).toHaveText("Connected");
}

/**
 * Creates and starts "Webhook (no signature) → Log `message`" named `name`, as a user builds it in the designer, and
 * returns the webhook address shown in the trigger's panel (left open).
 */
export async function startUnsignedWebhookLogFlow(page: Page, name: string, message: string): Promise<string> {
  await createFlow(page, name);
  const panel = page.getByTestId("node-panel");
  await page.getByTestId("node-trigger").click();
  await panel.getByTestId("trigger-kind-select").selectOption("core:webhook");
  await panel.getByTestId("field-verifySignature").uncheck();
  await page.getByTestId("add-step-button").click();
  await page.getByTestId("add-step-option-core-log").click();
  await panel.getByTestId("field-message").fill(message);
  await page.getByTestId("start-button").click();
  await expect(page.getByTestId("flow-status")).toHaveText(/running/i);
  await page.getByTestId("node-trigger").click();
  const url = (await panel.getByTestId("webhook-url").textContent()) ?? "";
  expect(url).toContain("/api/hooks/");
  return url;
}

export { expect };

/** Specs that need an IBM Sterling OMS: the connector's simulator with its sample data, on a loopback port. */
export const sterlingTest = test.extend<{ sterling: SterlingSimulator }>({
  sterling: async ({ request }, use) => {
    const simulator = await startSterlingSimulator(sampleData());
    await allowOutbound(request, simulator.url);
    await use(simulator);
    await simulator.close();
  },
});

export { SAMPLE_USER as STERLING_USER };
