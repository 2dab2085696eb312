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
  // Asked of a product already in the cart with no colour or size said: the one in the cart, so a store
  // that holds only other sizes is never offered for pickup.
  const inCart =
    e.color === undefined && e.size === undefined
      ? (await agents.cart.view(state.user_id)).items.find((i) => i.product_id === productId)
      : undefined;
  const availability = await agents.inventory.check({
    product_id: productId,
    color: e.color ?? inCart?.color ?? undefined,
    size: e.size ?? inCart?.size ?? undefined,
    quantity: e.quantity ?? 1,
    location,
  });
  return availability
    ? { results: { inventory: { kind: 'availability', availability } }, update: { focus: productId } }
    : { results: { inventory: { kind: 'no_product' } } };
};
