import { shownOf } from '../shopping/handler.js';
import type { Handler } from '../flow.js';

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
