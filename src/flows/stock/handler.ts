import type { Handler } from '../flow.js';

/** Stock for the product in question, or the stores near the customer when no product is meant. */
export const inventoryCheck: Handler = async ({ state, agents, location, target }) => {
  const e = state.entities;
  const productId = target ?? state.focus;
  if (!productId) {
    const stores = location ? await agents.inventory.storesNear(location) : [];
    return {
      results: {
        inventory: {
          kind: 'stores',
          located: location !== null,
          place: e.location?.name ?? null,
          stores: stores.map((s) => ({
            store_id: s.store_id,
            name: s.name,
            city: s.city,
            address: s.address,
            distance_km: s.distance_km,
            same_day_delivery: s.same_day_delivery,
            pickup: s.pickup,
          })),
        },
      },
    };
  }
  const availability = await agents.inventory.check({
    product_id: productId,
    color: e.color,
    size: e.size,
    quantity: e.quantity ?? 1,
    location,
  });
  return availability
    ? { results: { inventory: { kind: 'availability', availability } }, update: { focus: productId } }
    : { results: { inventory: { kind: 'no_product' } } };
};
