import type { ProductCard } from '../../agents/shared/product-card.js';
import { SHOWN_LIMIT, type ShownProduct } from '../state.js';
import type { Handler } from './turn.js';

export const shownOf = (cards: readonly ProductCard[]): ShownProduct[] =>
  cards.slice(0, SHOWN_LIMIT).map(({ product_id, name, brand, category, price, colors, sizes }) => ({
    product_id,
    name,
    brand,
    category,
    price,
    colors,
    sizes,
  }));

const MORE = /\b(more|else|other|others|another|next|different)\b/i;

/** Browse, search and recommend: the carried filters, personalised; the top pick's pickup nearby. */
export const recommend: Handler = async ({ state, agents, customer, location }) => {
  const exclude = MORE.test(state.message) ? state.shown.map((p) => p.product_id) : [];
  const found = await agents.recommendation.recommend({
    customer,
    filters: state.slots,
    exclude_ids: exclude,
  });
  const top = found.products[0];
  const availability =
    top && location ? await agents.inventory.check({ product_id: top.product_id, location }) : null;
  return {
    results: {
      recommendation: { kind: 'recommendations', ...found },
      ...(availability ? { inventory: { kind: 'availability', availability } } : {}),
    },
    update: { shown: shownOf(found.products), focus: null },
  };
};

export const productDetails: Handler = async ({ state, agents, location, target }) => {
  const product = target ? await agents.recommendation.details(target) : null;
  if (!product)
    return { results: { recommendation: { kind: 'not_found', query: state.entities.query ?? null } } };
  const availability = await agents.inventory.check({
    product_id: product.product_id,
    location,
    color: state.entities.color,
    size: state.entities.size,
  });
  return {
    results: {
      recommendation: { kind: 'details', product },
      ...(availability ? { inventory: { kind: 'availability', availability } } : {}),
    },
    update: {
      focus: product.product_id,
      ...(state.shown.some((p) => p.product_id === product.product_id) ? {} : { shown: shownOf([product]) }),
    },
  };
};

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
            quantity: 0,
            same_day_delivery: s.same_day_delivery,
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
