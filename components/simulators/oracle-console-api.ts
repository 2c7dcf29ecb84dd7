// The Oracle simulator page's data: what GET /api/simulators/oracle/console returns.
import { z } from "zod";

export const CONSOLE_ENDPOINT = "/api/simulators/oracle/console";

export const consoleStateSchema = z.object({
  orders: z.array(
    z.object({
      orderKey: z.string(),
      headerId: z.string(),
      orderNumber: z.string(),
      businessUnitName: z.string(),
      buyingPartyName: z.string(),
      statusCode: z.string(),
      onHold: z.boolean(),
      lastUpdateDate: z.string(),
      lines: z.array(
        z.object({
          lineNumber: z.number(),
          productNumber: z.string(),
          quantity: z.number(),
          organization: z.string().nullable(),
          statusCode: z.string(),
        }),
      ),
    }),
  ),
  reference: z.object({
    sourceSystems: z.array(z.string()),
    businessUnits: z.array(z.string()),
    items: z.array(z.string()),
    organizations: z.array(z.string()),
  }),
  subscriptions: z.array(z.object({ event: z.string(), url: z.string(), user: z.string() })),
  deliveries: z.array(
    z.object({
      at: z.string(),
      event: z.string(),
      orderNumber: z.string(),
      url: z.string(),
      status: z.number().nullable(),
      answer: z.string(),
    }),
  ),
});

export type ConsoleState = z.output<typeof consoleStateSchema>;

export const EVENTS = ["Order Status Updated", "Sales Order Notification"] as const;
