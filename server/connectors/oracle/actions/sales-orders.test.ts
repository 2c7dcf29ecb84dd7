// The sales order actions against the simulated Order Management: the ADF headers on every call, create (draft,
// submitted, Upsert-Mode, a re-run after the order was made), get by both OrderKey forms, list paging to the end with
// q, orderBy and fields, update, submit (once), delete (drafts only), and Oracle's error bodies read as sentences.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { failure, runAction } from "@/test/connectors/sterling";
import { basicAccount, bearerAccount, sampleOrder, startSampleOracle } from "@/test/connectors/oracle";
import { oracleAccount } from "../auth";
import { listAllSalesOrders } from "../sales-orders";
import type { OracleSimulator } from "../simulator";
import { createSalesOrderAction } from "./create-sales-order";
import { deleteSalesOrderAction } from "./delete-sales-order";
import { getSalesOrderAction } from "./get-sales-order";
import { listSalesOrdersAction } from "./list-sales-orders";
import { submitSalesOrderAction } from "./submit-sales-order";
import { updateSalesOrderAction } from "./update-sales-order";

let oracle: OracleSimulator;
beforeAll(async () => {
  oracle = await startSampleOracle();
});
afterAll(() => oracle.close());

const account = () => basicAccount(oracle.url);
const create = (input: Record<string, unknown>) => runAction(createSalesOrderAction, input, account());

describe("Create sales order", () => {
  it("posts the order with the ADF headers and returns it with its key, lines and draft status", async () => {
    const order = await create(sampleOrder("C-1"));
    expect(order).toMatchObject({
      OrderKey: "LEG:C-1",
      SourceTransactionNumber: "C-1",
      StatusCode: "DOO_DRAFT",
      alreadyExisted: false,
      lines: [
        { LineNumber: 1, ProductNumber: "AS92888", OrderedQuantity: 5, StatusCode: "CREATED" },
        { LineNumber: 2, ProductNumber: "CM5008" },
      ],
    });
    expect(order.HeaderId).toMatch(/^\d+$/);
    const request = oracle.requests.at(-1);
    expect(request?.method).toBe("POST");
    expect(request?.url).toMatch(/^\/fscmRestApi\/resources\/11\.13\.18\.05\/salesOrdersForOrderHub\?/);
    expect(request?.headers["rest-framework-version"]).toBe("4");
    expect(request?.headers["content-type"]).toBe("application/vnd.oracle.adf.resourceitem+json");
    expect(request?.headers.authorization).toMatch(/^Basic /);
    const body = JSON.parse(request?.body ?? "{}");
    expect(body).toMatchObject({ SourceTransactionSystem: "LEG", SourceTransactionId: "C-1", SubmittedFlag: false });
    expect(body.lines[0]).toEqual({
      SourceTransactionLineId: "1",
      SourceTransactionLineNumber: "1",
      SourceTransactionScheduleId: "1",
      SourceScheduleNumber: "1",
      TransactionCategoryCode: "ORDER",
      ProductNumber: "AS92888",
      OrderedQuantity: 5,
      OrderedUOM: "Each",
      RequestedFulfillmentOrganizationCode: "M1",
    });
  });

  it("submits on create when asked, and works with a bearer token", async () => {
    const order = await runAction(
      createSalesOrderAction,
      sampleOrder("C-2", { submit: true }),
      bearerAccount(oracle.url),
    );
    expect(order).toMatchObject({
      StatusCode: "OPEN",
      lines: [{ StatusCode: "AWAIT_SHIP" }, { StatusCode: "AWAIT_SHIP" }],
    });
  });

  it("returns the order a re-run step already made instead of failing, and updates it with Upsert-Mode", async () => {
    const again = await create(sampleOrder("C-1"));
    expect(again).toMatchObject({ OrderKey: "LEG:C-1", alreadyExisted: true });
    // Another order under a key already used is not this step's order: Oracle's refusal stands.
    const other = await failure(
      create(
        sampleOrder("C-1", { lines: [{ sourceLineId: "9", productNumber: "AS92888", quantity: 1, uom: "Each" }] }),
      ),
    );
    expect(other.message).toContain("already exists");
    const upserted = await create(
      sampleOrder("C-1", { upsert: true, additionalAttributes: { CustomerPONumber: "PO-9" } }),
    );
    expect(upserted).toMatchObject({ alreadyExisted: false, CustomerPONumber: "PO-9" });
    expect(oracle.requests.at(-1)?.headers["upsert-mode"]).toBe("true");
  });

  it("reads Oracle's o:errorDetails as one sentence per problem, naming the attribute", async () => {
    const error = await failure(
      create(
        sampleOrder("C-3", {
          businessUnitName: "Atlantis",
          lines: [{ sourceLineId: "1", productNumber: "NOPE", quantity: 1, uom: "Each" }],
        }),
      ),
    );
    expect(error.message).toBe(
      `Oracle (${new URL(oracle.url).host}) refused Create sales order LEG:C-3: The business unit Atlantis isn't ` +
        "valid. (at BusinessUnitName) [FOM-000101]; The item NOPE doesn't exist. (at lines[0].ProductNumber) [FOM-000103]",
    );
    expect(error.retryable).toBe(false);
  });
});

describe("Get sales order", () => {
  it("reads an order by SOURCE_SYSTEM:ID and by HeaderId", async () => {
    const bySource = await runAction(getSalesOrderAction, { orderKey: "LEG:C-2" }, account());
    const byHeader = await runAction(getSalesOrderAction, { orderKey: bySource.HeaderId }, account());
    expect(byHeader).toEqual(bySource);
    expect(bySource.lines).toHaveLength(2);
  });

  it("says what a 404 means on Fusion", async () => {
    const error = await failure(runAction(getSalesOrderAction, { orderKey: "LEG:NONE" }, account()));
    expect(error.message).toContain("found nothing for Get sales order (LEG:NONE) (404)");
    expect(error.message).toContain("data access to the order's business unit");
  });

  it("refuses a key of neither form before calling Oracle", async () => {
    expect(() => getSalesOrderAction.input.parse({ orderKey: "no-colon" })).toThrow(/SOURCE_SYSTEM:SOURCE_ID/);
  });
});

describe("List sales orders", () => {
  it("reads every page to the end, filtered and sorted, with totalResults", async () => {
    for (let index = 0; index < 57; index += 1) {
      await create(
        sampleOrder(`P-${String(index).padStart(3, "0")}`, {
          sourceSystem: "OPS",
          businessUnitName: "US1 Business Unit",
        }),
      );
    }
    const before = oracle.requests.length;
    const result = await runAction(
      listSalesOrdersAction,
      { sourceSystem: "OPS", statusCodes: "DOO_DRAFT", orderBy: "SourceTransactionId:desc", maxOrders: 1000 },
      account(),
    );
    expect(result.count).toBe(57);
    expect(result.totalResults).toBe(57);
    expect(result.hasMore).toBe(false);
    expect(result.orders[0]?.SourceTransactionId).toBe("P-056");
    expect(result.orders.at(-1)?.SourceTransactionId).toBe("P-000");
    expect(new Set(result.orders.map((order) => order.OrderKey)).size).toBe(57);
    const calls = oracle.requests.slice(before).map((request) => new URL(request.url, "http://x").searchParams);
    expect(calls.length).toBeGreaterThanOrEqual(1);
    expect(calls[0]?.get("q")).toBe("(StatusCode='DOO_DRAFT') and (SourceTransactionSystem='OPS')");
  });

  it("asks only for the fields given (and the key fields), and stops at the step's limit with hasMore", async () => {
    const limited = await runAction(
      listSalesOrdersAction,
      { sourceSystem: "OPS", maxOrders: 30, fields: "OrderNumber" },
      account(),
    );
    expect(limited).toMatchObject({ count: 30, hasMore: true });
    expect(limited.orders[0]).not.toHaveProperty("BuyingPartyName");
    const asked = oracle.requests.map((request) => new URL(request.url, "http://x").searchParams.get("fields")).at(-1);
    expect(asked).toBe("HeaderId,SourceTransactionSystem,SourceTransactionId,StatusCode,LastUpdateDate,OrderNumber");
    expect(new URL(oracle.requests.at(-1)?.url ?? "", "http://x").searchParams.get("limit")).toBe("30");
  });

  it("follows hasMore with limit and offset until the last page", async () => {
    const before = oracle.requests.length;
    const all = await listAllSalesOrders(
      oracleAccount({
        id: "a",
        mode: "basic",
        values: { baseUrl: oracle.url, user: "scm_integration", password: "Welcome1" },
      }),
      { q: "SourceTransactionSystem='OPS'", orderBy: "HeaderId:asc" },
      new AbortController().signal,
      { pageSize: 10 },
    );
    expect(all.orders).toHaveLength(57);
    expect(new Set(all.orders.map((order) => order.HeaderId)).size).toBe(57);
    const offsets = oracle.requests
      .slice(before)
      .map((request) => new URL(request.url, "http://x").searchParams.get("offset"));
    expect(offsets).toEqual(["0", "10", "20", "30", "40", "50"]);
    expect(all).toMatchObject({ hasMore: false, pages: 6, totalResults: 57 });
  });

  it("takes the user's own q expression and reads Oracle's refusal of a bad one", async () => {
    const found = await runAction(
      listSalesOrdersAction,
      { q: "SourceTransactionId LIKE 'P-05%' and HeaderId > 0" },
      account(),
    );
    expect(found.count).toBe(7);
    const error = await failure(runAction(listSalesOrdersAction, { q: "Nonsense='x'" }, account()));
    expect(error.message).toMatch(/refused the sales orders: The query isn't valid: Nonsense is not an attribute/);
  });
});

describe("Update, submit and delete", () => {
  it("patches attributes, submits a draft once and deletes only drafts", async () => {
    await create(sampleOrder("U-1"));
    const updated = await runAction(
      updateSalesOrderAction,
      { orderKey: "LEG:U-1", customerPONumber: "PO-1" },
      account(),
    );
    expect(updated).toMatchObject({ CustomerPONumber: "PO-1", StatusCode: "DOO_DRAFT" });
    expect(oracle.requests.at(-1)).toMatchObject({ method: "PATCH" });

    const submitted = await runAction(submitSalesOrderAction, { orderKey: updated.HeaderId }, account());
    expect(submitted).toMatchObject({ StatusCode: "OPEN", alreadySubmitted: false });
    const patch = oracle.requests.at(-1);
    expect(patch?.url).toMatch(/\/salesOrdersForOrderHub\/LEG:U-1\?/);
    expect(JSON.parse(patch?.body ?? "{}")).toEqual({ SubmittedFlag: true });
    const again = await runAction(submitSalesOrderAction, { orderKey: "LEG:U-1" }, account());
    expect(again.alreadySubmitted).toBe(true);

    const refused = await failure(runAction(deleteSalesOrderAction, { orderKey: "LEG:U-1" }, account()));
    expect(refused.message).toContain("You can delete only draft orders");
    await create(sampleOrder("D-1"));
    expect(await runAction(deleteSalesOrderAction, { orderKey: "LEG:D-1" }, account())).toEqual({
      orderKey: "LEG:D-1",
      deleted: true,
      alreadyGone: false,
    });
    expect(await runAction(deleteSalesOrderAction, { orderKey: "LEG:D-1" }, account())).toMatchObject({
      alreadyGone: true,
    });
  });
});
