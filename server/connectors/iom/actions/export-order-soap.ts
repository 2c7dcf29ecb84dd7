// Export order (SOAP, older IOM): the same order as Export order, through OrderService v1.2 storeOrder for IOM
// installations that still run the SOAP services. The user and password travel in the message (IOM's SOAP
// messages carry them), so the action needs an account connected with a user and password. A re-delivered step
// whose order IOM already has (DuplicateException) reports alreadyExported instead of failing.
import { z } from "zod";
import { RemoteError } from "@/lib/errors";
import { field } from "../../sdk";
import { BASIC_MODE, iomAccount } from "../auth";
import { iomAction } from "../common";
import { TYPES_V1_0 } from "../soap/envelope";
import { callSoap } from "../soap/client";
import { readAcknowledgement, storeOrderElement } from "../soap/store-order";
import { exportOrderInput } from "./export-order-input";

export const ORDER_SERVICE_PATH = "/webservices/OrderService/v1.2";

export const exportOrderSoapAction = iomAction({
  key: "exportOrderSoap",
  label: "Export order (SOAP, older IOM)",
  description: "Hands an order to IOM through its SOAP OrderService (storeOrder), for IOMs without the REST services.",
  group: "Orders",
  modes: [BASIC_MODE],
  input: exportOrderInput.extend({
    servicePath: z
      .string()
      .trim()
      .regex(/^\/[\w./-]*$/, "must be a path such as /webservices/OrderService/v1.2")
      .default(ORDER_SERVICE_PATH)
      .meta(
        field({
          title: "Service path",
          description: "Below the IOM URL; some installations serve it as /services/OrderService/v1.2.",
          order: 16,
        }),
      ),
  }),
  output: z.object({
    shopOrderNumber: z.string(),
    alreadyExported: z.boolean(),
    /** What IOM's Acknowledgement said (its Result), if anything. */
    result: z.string().nullable(),
    properties: z.record(z.string(), z.string()),
  }),
  async run({ input, ctx }) {
    const account = iomAccount(ctx.account);
    const what = `order ${input.shopOrderNumber}`;
    const body = await callSoap(account, {
      path: input.servicePath,
      body: storeOrderElement(
        input,
        {
          // One message id per step: IOM logs each transmission by it, and a re-delivered step sends the same.
          messageId: ctx.idempotencyKey,
          user: ctx.account.values.user,
          password: ctx.account.values.password,
          shopName: account.shopName,
        },
        new Date(),
      ),
      namespaces: { t0: TYPES_V1_0 },
      what,
      service: "OrderService storeOrder (permission Create order)",
      signal: ctx.signal,
    });
    const host = new URL(account.baseUrl).host;
    const answer = readAcknowledgement(body);
    if (!answer) {
      throw new RemoteError("REMOTE", `IOM (${host}) answered ${what} without an acknowledgement`, {
        retryable: false,
      });
    }
    switch (answer.kind) {
      case "acknowledged":
        return {
          shopOrderNumber: input.shopOrderNumber,
          alreadyExported: false,
          result: answer.result || null,
          properties: answer.properties,
        };
      case "duplicate":
        ctx.log.info("IOM has this order already: the step ran before", { shopOrderNumber: input.shopOrderNumber });
        return { shopOrderNumber: input.shopOrderNumber, alreadyExported: true, result: null, properties: {} };
      case "invalid": {
        const problems = answer.problems.map(
          (problem) =>
            `${problem.path ? `${problem.path}: ` : ""}${problem.message ? `${problem.message} (${problem.type})` : problem.type}`,
        );
        const said = [answer.message, ...problems].filter(Boolean).join("; ");
        throw new RemoteError("REMOTE", `IOM (${host}) refused ${what}: ${said || "invalid message"}`, {
          retryable: false,
          details: { problems: answer.problems },
        });
      }
      case "technical":
        throw new RemoteError("REMOTE", `IOM (${host}) could not store ${what} (technical error): ${answer.message}`, {
          retryable: true,
        });
    }
  },
});
