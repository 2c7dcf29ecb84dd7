// RMA 2.10 reply shapes, shared by the return actions and the return-request trigger.
import { z } from "zod";

export const returnReason = z.object({
  name: z.string(),
  description: z.string().optional(),
  type: z.string().optional(),
});

export const returnRequest = z
  .object({
    id: z.number(),
    type: z.string(),
    rmaNumber: z.string().optional(),
    comment: z.string().optional(),
    status: z.string().optional(),
    businessStatus: z.string().optional(),
    shopOrderNumber: z.string().optional(),
    shopName: z.string().optional(),
    creationDate: z.string().optional(),
  })
  .passthrough();

export const returnablePosition = z.object({
  positionNumber: z.number(),
  quantity: z.number(),
  product: z.object({ number: z.string(), name: z.string() }),
  items: z.array(z.object({ productSerialNumber: z.string() })).optional(),
});
