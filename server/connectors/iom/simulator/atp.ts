// Inventory Service 2.0: GET /servlets/services/atp/{shopId}/{id,id,…} answers HttpResponseListAtp, one Atp per
// known product; an unknown product id is reported in `errors` (FieldError) rather than failing the whole list.
import { json, type SimReply, type SimShop, type SimState } from "./state";

function availabilityState(atp: number): string {
  return atp > 0 ? "available" : "sold out";
}

export function availableToPromise(state: SimState, shop: SimShop, ids: string[]): SimReply {
  const data = [];
  const errors = [];
  for (const id of ids) {
    const product = shop.products.find((candidate) => candidate.number === id);
    if (!product) {
      errors.push({ message: `unknown product id ${id}`, sourceField: "id" });
      continue;
    }
    const reserved = product.reserved ?? 0;
    const blocked = product.blocked ?? 0;
    const atp = Math.max(0, product.stock - reserved - blocked);
    data.push({
      id,
      location: product.location ?? "Warehouse",
      stock: product.stock,
      reserved,
      blocked,
      atp,
      modificationDate: state.clock().toISOString(),
      state: availabilityState(atp),
    });
  }
  return json(200, { data, statusCode: 200, errors, exceptions: [] });
}
