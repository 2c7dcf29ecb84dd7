// The statuses a status filter offers. Sterling keeps statuses per pipeline and installation (sub-statuses such as
// 1100.10 are configured per customer), and we found no API that IBM documents for listing them to an API user, so
// the choices are the statuses of IBM's default pipelines (order fulfillment: IBM's "Order fulfillment: statuses"
// page; outbound shipment: the pipeline page names the statuses, the codes are those of the default pipeline as
// installations show them); a configured code is typed instead.
import type { FieldOption, OptionsLoader } from "../sdk";

/** Status codes and descriptions of Sterling's default order fulfillment pipeline, in pipeline order. */
export const defaultOrderStatuses: readonly FieldOption[] = [
  { value: "1000", label: "Draft Order Created" },
  { value: "1100", label: "Created" },
  { value: "1200", label: "Reserved" },
  { value: "1300", label: "Backordered" },
  { value: "1310", label: "Unscheduled" },
  { value: "1400", label: "Backordered From Node" },
  { value: "1500", label: "Scheduled" },
  { value: "3200", label: "Released" },
  { value: "3350", label: "Included In Shipment" },
  { value: "3700", label: "Shipped" },
  { value: "9000", label: "Cancelled" },
].map((status) => ({ ...status, label: `${status.value} ${status.label}` }));

/** Status codes and descriptions of Sterling's default outbound shipment pipeline, in pipeline order. */
export const defaultShipmentStatuses: readonly FieldOption[] = [
  { value: "1100", label: "Shipment Created" },
  { value: "1100.70.06.10", label: "Ready For Backroom Pick" },
  { value: "1100.70.06.30", label: "Ready For Customer Pick" },
  { value: "1300", label: "Shipment Packed" },
  { value: "1400", label: "Shipment Shipped" },
  { value: "9000", label: "Shipment Cancelled" },
].map((status) => ({ ...status, label: `${status.value} ${status.label}` }));

/** The same lists for every account and mode: they ask Sterling nothing. */
export const orderStatusesLoader: OptionsLoader = {
  noun: "order statuses",
  load: () => Promise.resolve([...defaultOrderStatuses]),
};
export const shipmentStatusesLoader: OptionsLoader = {
  noun: "shipment statuses",
  load: () => Promise.resolve([...defaultShipmentStatuses]),
};
