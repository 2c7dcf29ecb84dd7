// Loading a dynamic field's choices on a real Postgres with saved, sealed accounts and the Sterling simulator: the
// account must be the step's application's, a failure keeps its plain message without the account's secrets, and
// only the literal values the loader depends on reach it.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { RemoteError, ValidationError } from "@/lib/errors";
import { createTestDatabase, type TestDatabase } from "@/test/database";
import { testKeyRing } from "@/test/keys";
import { sterlingOptionsLoaders } from "../connectors/sterling/options";
import { startSterlingSimulator, type SterlingSimulator } from "../connectors/sterling/simulator";
import { sampleData, SAMPLE_USER } from "../connectors/sterling/simulator/fixtures";
import { ensureDefaultWorkspace } from "../db/workspaces.repository";
import * as accounts from "./accounts.service";
import { loadFieldOptions, type FieldOptionsContext } from "./field-options.service";
import { rejection } from "@/test/rejection";

let t: TestDatabase;
let ctx: FieldOptionsContext;
let sterling: SterlingSimulator;

beforeAll(async () => {
  [t, sterling] = await Promise.all([createTestDatabase(), startSterlingSimulator(sampleData())]);
  ctx = { db: t.db, keys: testKeyRing(), workspaceId: await ensureDefaultWorkspace(t.db) };
});
afterAll(async () => {
  await sterling.close();
  await t.drop();
});

const sterlingAccount = (name: string, password = SAMPLE_USER.password) =>
  accounts.createAccount(ctx, {
    connectorId: "sterling",
    name,
    mode: "rest",
    values: { endpointUrl: `${sterling.url}/smcfs/restapi`, loginId: SAMPLE_USER.loginId, password },
  });

const enterprises = (accountId: string, values?: Record<string, unknown>) =>
  loadFieldOptions(ctx, {
    connectorId: "sterling",
    operation: "getOrderList",
    field: "enterpriseCode",
    accountId,
    values,
  });

describe("field options service", () => {
  it("opens the chosen account and loads Sterling's enterprises", async () => {
    const account = await sterlingAccount("Sterling prod");
    expect(await enterprises(account.id)).toEqual({
      options: [
        { value: "DEFAULT", label: "Default Enterprise" },
        { value: "OTHER", label: "Other Brands Inc." },
      ],
    });
    const shipNodes = await loadFieldOptions(ctx, {
      connectorId: "sterling",
      operation: "getShipmentList",
      field: "shipNode",
      accountId: account.id,
    });
    expect(shipNodes.options.map((option) => option.value)).toEqual(["DC-EAST", "STORE-12"]);
  });

  it("refuses an account of another application, an unknown account and a field without a list", async () => {
    const http = await accounts.createAccount(ctx, {
      connectorId: "http",
      name: "Orders API",
      mode: "none",
      values: { baseUrl: sterling.url },
    });
    const requestsBefore = sterling.requests.length;
    const foreign = await rejection(enterprises(http.id));
    expect(foreign.message).toBe('The step uses the account "Orders API", which is not an account of IBM Sterling OMS');
    expect(sterling.requests.length).toBe(requestsBefore);
    expect((await rejection(enterprises("no-such-account"))).message).toBe(
      "The step uses an account that no longer exists; choose another one",
    );
    const account = await sterlingAccount("Sterling QA");
    const plain = loadFieldOptions(ctx, {
      connectorId: "sterling",
      operation: "getOrderList",
      field: "orderNo",
      accountId: account.id,
    });
    expect(await rejection(plain)).toBeInstanceOf(ValidationError);
    const unknown = loadFieldOptions(ctx, { connectorId: "sap", operation: "x", field: "y", accountId: account.id });
    expect((await rejection(unknown)).code).toBe("NOT_FOUND");
  });

  it("says in plain words why the list could not be loaded, without the account's secrets", async () => {
    const wrong = await sterlingAccount("Sterling old password", "not-the-password");
    const refused = await rejection(enterprises(wrong.id));
    expect(refused).toMatchObject({
      code: "REMOTE",
      message: "The Sterling server refused the login ID or password (401 Unauthorized)",
    });
    expect(refused.details).toBeUndefined();

    const account = await sterlingAccount("Sterling echo");
    const loader = sterlingOptionsLoaders.enterprises;
    if (!loader) throw new Error("no enterprises loader");
    const spy = vi
      .spyOn(loader, "load")
      .mockRejectedValue(
        new RemoteError("REMOTE", `Sterling said: bad password ${SAMPLE_USER.password}`, { retryable: false }),
      );
    try {
      const echoed = await rejection(enterprises(account.id));
      expect(echoed.message).toBe("Sterling said: bad password [redacted]");
    } finally {
      spy.mockRestore();
    }
  });

  it("never opens another workspace's account", async () => {
    const account = await sterlingAccount("Sterling of the default workspace");
    const other = await t.db.workspace.create({ data: { name: "Another team" }, select: { id: true } });
    const requestsBefore = sterling.requests.length;
    const refused = await rejection(
      loadFieldOptions(
        { ...ctx, workspaceId: other.id },
        { connectorId: "sterling", operation: "getOrderList", field: "enterpriseCode", accountId: account.id },
      ),
    );
    expect(refused.message).toBe("The step uses an account that no longer exists; choose another one");
    expect(sterling.requests.length).toBe(requestsBefore);
  });

  it("counts against the account's rate limit, and says so when the limit keeps it waiting too long", async () => {
    const account = await accounts.createAccount(ctx, {
      connectorId: "sterling",
      name: "Sterling rationed",
      mode: "rest",
      values: {
        endpointUrl: `${sterling.url}/smcfs/restapi`,
        loginId: SAMPLE_USER.loginId,
        password: SAMPLE_USER.password,
      },
      rateLimit: { requestsPerSecond: 0.2 },
    });
    const request = {
      connectorId: "sterling",
      operation: "getOrderList",
      field: "enterpriseCode",
      accountId: account.id,
    };
    expect((await loadFieldOptions(ctx, request)).options.length).toBe(2);
    // The bucket holds one call and refills one every 5 s: a second call within the 300 ms deadline cannot start.
    const waited = await rejection(loadFieldOptions(ctx, request, { timeoutMs: 300 }));
    expect(waited).toMatchObject({ code: "TIMEOUT", retryable: true });
    expect(waited.message).toContain("rate limit kept the enterprises waiting");
  });

  it("passes only the literal values of the fields the loader depends on", async () => {
    const account = await sterlingAccount("Sterling values");
    const loader = sterlingOptionsLoaders.enterprises;
    if (!loader) throw new Error("no enterprises loader");
    const spy = vi.spyOn(loader, "load").mockResolvedValue([{ value: "X", label: "X" }]);
    loader.dependsOn = ["documentType", "orderNo", "status"];
    try {
      await enterprises(account.id, {
        documentType: " 0003 ",
        orderNo: "{{ trigger.orderNo }}",
        customerEmail: "a@b.c",
      });
      expect(spy.mock.calls[0]?.[0].values).toEqual({ documentType: "0003" });
      expect(spy.mock.calls[0]?.[0].account.credentials.password).toBe(SAMPLE_USER.password);
    } finally {
      delete loader.dependsOn;
      spy.mockRestore();
    }
  });
});
