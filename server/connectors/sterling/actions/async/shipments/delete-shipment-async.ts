// Delete shipment (async): changeShipment with `Action="Delete"`, on the queue Sterling's shipment-change service
// reads.
import { z } from "zod";
import { deliveryFields, mqAction, putSterlingDocument } from "../put-document";
import { checkShipmentIdentity, shipmentIdentity, shipmentIdentityFields } from "./shipment-identity";

const LABEL = "Delete shipment (async)";

const input = z
  .object({ ...shipmentIdentityFields, ...deliveryFields("changeShipment") })
  .superRefine(checkShipmentIdentity);

export const deleteShipmentAsyncAction = mqAction({
  key: "deleteShipmentAsync",
  label: LABEL,
  description: "Puts Sterling's changeShipment input with Action Delete on IBM MQ.",
  group: "Shipments",
  input,
  async run({ input, ctx }) {
    const shipment = { ...shipmentIdentity(input), Action: "Delete" };
    return putSterlingDocument(ctx, "changeShipment", "Shipment", shipment, input);
  },
});
