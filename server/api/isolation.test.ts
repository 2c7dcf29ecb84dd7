// Workspaces do not see each other: signed in as an owner of workspace A, every procedure of the router (listed
// from the router itself: a new one without an entry here fails the test) is called with workspace B's ids, and
// each answers as if B's object did not exist (NOT_FOUND or an answer without B's data), and B is unchanged after.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callProcedure, listProcedures } from "@/test/api-http";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { callerContext } from "@/test/principal";
import { linearGraph, seedRunningFlow } from "@/test/runtime/helpers";
import { useDatabaseUrl } from "../boot/config";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import { toJsonInput } from "../runtime/json";
import { getRunQueue } from "../runtime";
import { createAccount } from "../services/accounts.service";
import { createApiToken } from "../services/api-tokens.service";
import { invitePerson } from "../services/people.service";

const MARK = "BETA-ONLY";
const SECRET = "beta-secret-password-42";
let t: TestDatabase;
let a: string;
const b = {
  workspaceId: "",
  flowId: "",
  versionId: "",
  runId: "",
  accountId: "",
  userId: "",
  inviteId: "",
  tokenId: "",
};

beforeAll(async () => {
  t = await createTestDatabase();
  useDatabaseUrl(t.url);
  a = await ensureDefaultWorkspace(t.db);
  b.workspaceId = (
    await t.db.workspace.create({ data: { name: `${MARK} workspace`, outboundAllowList: ["10.9.9.9"] } })
  ).id;
  const flow = await seedRunningFlow(t.db, graph(), { workspaceId: b.workspaceId });
  Object.assign(b, { flowId: flow.flowId, versionId: flow.versionId });
  await t.db.flow.update({ where: { id: b.flowId }, data: { name: `${MARK} flow` } });
  const run = await t.db.run.create({
    data: {
      workspaceId: b.workspaceId,
      flowId: b.flowId,
      flowVersionId: b.versionId,
      status: "failed",
      triggerKind: "manual",
      businessKey: `${MARK}-order`,
      triggerData: toJsonInput({ order: `${MARK}-order` }),
      error: toJsonInput({ code: "REMOTE", message: `${MARK} failure`, retryable: false }),
      createdAt: new Date(),
      startedAt: new Date(),
      finishedAt: new Date(),
    },
  });
  b.runId = run.id;
  const account = await createAccount(
    { db: t.db, keys: testKeyRing(), workspaceId: b.workspaceId },
    {
      connectorId: "http",
      name: `${MARK} account`,
      mode: "basic",
      values: { baseUrl: "https://beta.example.com", username: `${MARK}-user`, password: SECRET },
      test: false,
    },
  );
  b.accountId = account.id;
  const user = await t.db.user.create({ data: { name: `${MARK} person`, email: "beta@example.com" } });
  b.userId = user.id;
  await t.db.membership.create({ data: { workspaceId: b.workspaceId, userId: user.id, role: "owner" } });
  const invite = await invitePerson(
    t.db,
    b.workspaceId,
    { email: "beta-invitee@example.com", role: "editor" },
    {
      userId: user.id,
      origin: "http://localhost",
    },
  );
  b.inviteId = invite.id;
  b.tokenId = (
    await createApiToken(
      t.db,
      b.workspaceId,
      { name: `${MARK}-token`, role: "editor" },
      {
        label: `${MARK} person`,
        role: "owner",
      },
    )
  ).id;
  await t.db.auditEvent.create({
    data: { workspaceId: b.workspaceId, actor: `${MARK} person`, action: "flows.start", targetType: "flow" },
  });
  await t.db.workspace.update({ where: { id: b.workspaceId }, data: { auditRetentionDays: 77 } });
});

afterAll(async () => {
  await (await getRunQueue()).stop();
  await t.drop();
});

function graph() {
  return linearGraph(
    { id: "trigger", connectorId: "core", operation: "manual" },
    { id: "note", connectorId: "core", operation: "log", inputs: { message: `${MARK} log` } },
  );
}

/**
 * Set-up is refused once anyone exists (B's person does): not B's data, and nothing set up. A field list for an
 * account that is not there is a 400 ("an account that no longer exists"), whichever workspace has it.
 */
const expectedStatus: Record<string, number[]> = { "auth.setup": [409], "connectors.fieldOptions": [400] };

/** Each procedure's input naming B's objects (or, for lists, nothing: a list must not show B's). */
function inputs(): Record<string, unknown> {
  const flow = { id: b.flowId };
  const byFlow = { flowId: b.flowId };
  const run = { id: b.runId };
  const account = { id: b.accountId };
  return {
    "accounts.create": {
      connectorId: "http",
      name: "Alpha account",
      mode: "basic",
      values: { baseUrl: "https://alpha.example.com", username: "alpha", password: "alpha-password" },
      test: false,
    },
    "accounts.delete": account,
    "accounts.get": account,
    "accounts.list": {},
    "accounts.rename": { ...account, name: "Taken over" },
    "accounts.test": account,
    "accounts.update": { ...account, values: { baseUrl: "https://attacker.example" } },
    "auth.acceptInvite": { token: "not-a-real-invite-token" },
    "auth.invite": { token: "not-a-real-invite-token" },
    "auth.me": undefined,
    "auth.setup": { name: "Mallory", email: "mallory@example.com", password: "mallory-password" },
    "auth.status": undefined,
    "connectors.fieldOptions": {
      connectorId: "sterling",
      operation: "getOrderList",
      field: "enterpriseCode",
      accountId: b.accountId,
      values: {},
    },
    "connectors.manifest": undefined,
    "flows.create": { name: "New in A" },
    "flows.delete": flow,
    "flows.get": flow,
    "flows.import": {
      document: { format: "conflux-flow", version: 1, name: "Imported", graph: graph() },
      accounts: { http: b.accountId },
    },
    "flows.fetchTriggerSample": {
      ...flow,
      trigger: { connectorId: "http", operation: "poll", inputs: {}, accountId: b.accountId },
    },
    "flows.list": undefined,
    "flows.listenForSample": { ...flow, trigger: { connectorId: "core", operation: "webhook", inputs: {} } },
    "flows.sampleListener": flow,
    "flows.stopListeningForSample": flow,
    "flows.liveGraph": flow,
    "flows.rename": { ...flow, name: "Taken over" },
    "flows.restoreVersion": { ...flow, number: 1, baseRevision: 0 },
    "flows.retention": flow,
    "flows.runNow": flow,
    "flows.saveDraft": { ...flow, graph: graph(), baseRevision: 0 },
    "flows.setRetention": { ...flow, days: 1 },
    "flows.start": flow,
    "flows.startOptions": flow,
    "flows.stop": flow,
    "flows.testRun": flow,
    "flows.testSamples": flow,
    "flows.versionDiff": { ...flow, from: 1, to: "draft" },
    "flows.versions": flow,
    "flows.webhook": flow,
    "flows.rotateWebhookSecret": flow,
    "members.changeRole": { userId: b.userId, role: "viewer" },
    "members.invite": { email: "beta@example.com", role: "viewer" },
    "members.list": undefined,
    "members.remove": { userId: b.userId },
    "members.revokeInvite": { id: b.inviteId },
    "runs.alertRule": byFlow,
    "runs.bulk": { action: "cancel", ids: [b.runId] },
    "runs.businessKey": byFlow,
    "runs.cancel": run,
    "runs.count": { filter: byFlow },
    "runs.dashboard": { flowId: b.flowId, range: "30d" },
    "runs.get": run,
    "runs.list": { flowId: b.flowId },
    "runs.live": { after: null, watch: [b.runId], filter: byFlow },
    "runs.matchingIds": { filter: byFlow, asOf: new Date().toISOString() },
    "runs.replay": run,
    "runs.setAlertRule": { ...byFlow, rule: { failures: 1, withinMinutes: 5, alertFlowIds: [b.flowId] } },
    "runs.setBusinessKey": { ...byFlow, expression: "{{ trigger.order }}" },
    "settings.get": undefined,
    "tokens.create": { name: "alpha-token", role: "viewer" },
    "tokens.list": undefined,
    "tokens.revoke": { id: b.tokenId },
    "audit.list": { filter: {} },
    "audit.retention": undefined,
    "audit.setRetention": { days: 30 },
    "settings.saveOutboundAllowList": { entries: ["10.1.1.1"] },
  };
}

describe("workspace isolation", () => {
  const procedures = listProcedures();

  it("has an input for every procedure of the router", () => {
    expect(Object.keys(inputs()).sort()).toEqual(procedures.map((item) => item.path));
  });

  it.each(procedures)("$path with workspace B's ids answers as if they did not exist", async (procedure) => {
    const answer = await callProcedure(procedure, inputs()[procedure.path], () => callerContext(t.db, a));
    expect(expectedStatus[procedure.path] ?? [200, 404], `${answer.status} ${answer.body}`).toContain(answer.status);
    expect(answer.body).not.toContain(MARK);
    expect(answer.body).not.toContain(SECRET);
    expect(answer.body).not.toContain(b.workspaceId);
  });

  it("left workspace B as it was", async () => {
    const flow = await t.db.flow.findUniqueOrThrow({ where: { id: b.flowId } });
    expect(flow).toMatchObject({ name: `${MARK} flow`, status: "running", workspaceId: b.workspaceId });
    expect(await t.db.run.findUniqueOrThrow({ where: { id: b.runId } })).toMatchObject({ status: "failed" });
    expect(await t.db.run.count({ where: { workspaceId: b.workspaceId } })).toBe(1);
    expect(await t.db.account.findUniqueOrThrow({ where: { id: b.accountId } })).toMatchObject({
      name: `${MARK} account`,
    });
    expect(await t.db.membership.findFirstOrThrow({ where: { userId: b.userId } })).toMatchObject({ role: "owner" });
    expect(await t.db.invite.count({ where: { id: b.inviteId } })).toBe(1);
    const workspace = await t.db.workspace.findUniqueOrThrow({ where: { id: b.workspaceId } });
    expect(workspace.outboundAllowList).toEqual(["10.9.9.9"]);
    expect(workspace.auditRetentionDays).toBe(77);
    expect(await t.db.apiToken.findUniqueOrThrow({ where: { id: b.tokenId } })).toMatchObject({ revokedAt: null });
  });
});
