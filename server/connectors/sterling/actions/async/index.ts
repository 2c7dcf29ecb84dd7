// The twelve "(async)" actions of IBM App Connect's Sterling connector, grouped as App Connect groups them. Each
// puts one Sterling API's input document on IBM MQ (put-document.ts).
import { deleteItemAsyncAction } from "./catalog-items/delete-item-async";
import { manageItemAsyncAction } from "./catalog-items/manage-item-async";
import { deleteCustomerAsyncAction } from "./customers/delete-customer-async";
import { manageCustomerAsyncAction } from "./customers/manage-customer-async";
import { changeOrderAsyncAction } from "./orders/change-order-async";
import { createOrderAsyncAction } from "./orders/create-order-async";
import { deleteOrderAsyncAction } from "./orders/delete-order-async";
import { deleteOrganizationAsyncAction } from "./organizations/delete-organization-async";
import { manageOrganizationAsyncAction } from "./organizations/manage-organization-async";
import { changeShipmentAsyncAction } from "./shipments/change-shipment-async";
import { createShipmentAsyncAction } from "./shipments/create-shipment-async";
import { deleteShipmentAsyncAction } from "./shipments/delete-shipment-async";

export const asyncActions = [
  manageItemAsyncAction,
  deleteItemAsyncAction,
  manageCustomerAsyncAction,
  deleteCustomerAsyncAction,
  createOrderAsyncAction,
  changeOrderAsyncAction,
  deleteOrderAsyncAction,
  manageOrganizationAsyncAction,
  deleteOrganizationAsyncAction,
  createShipmentAsyncAction,
  changeShipmentAsyncAction,
  deleteShipmentAsyncAction,
];
