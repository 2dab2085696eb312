import type { ProductCard } from '../agents/shared/product-card.js';
import type { Customer } from '../domain/types.js';
import type { ProductStore } from '../storage/ports.js';
import type { Agents } from './agents.js';
import type { PendingAdd, SalesStateType, SalesStateUpdate, ShownProduct } from './state.js';
import { SHOWN_LIMIT } from './state.js';
import type { AgentResults, CartResult } from './types.js';

export interface ExecuteDeps {
  agents: Agents;
  products: ProductStore;
  loadCustomer: (userId: string) => Promise<Customer>;
}

const shownOf = (cards: readonly ProductCard[]): ShownProduct[] =>
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

/**
 * Runs the primary agent for the turn's intent, then its secondaries with the primary's findings.
 * Returns the results plus the conversation memory they change (products shown, focus, pending add).
 */
export async function executeAgents(state: SalesStateType, deps: ExecuteDeps): Promise<SalesStateUpdate> {
  const { agents } = deps;
  const e = state.entities;
  const customer = await deps.loadCustomer(state.user_id);
  const location = e.location ?? customer.location;
  const results: AgentResults = {};
  const update: SalesStateUpdate = {};
  let target = state.target_product_id;

  // A product named but not on screen ("add the Northwind ProBook") is looked up in the catalogue.
  const needsProduct = ['product_details', 'add_to_cart', 'inventory_check'].includes(state.intent);
  if (needsProduct && !target && e.reference?.kind === 'name') {
    target = (await deps.products.search({ text: e.reference.text, limit: 1 }))[0]?.product_id ?? null;
  }

  switch (state.intent) {
    case 'browse':
    case 'search':
    case 'recommend': {
      const exclude = MORE.test(state.message) ? state.shown.map((p) => p.product_id) : [];
      const found = await agents.recommendation.recommend({
        customer,
        filters: state.slots,
        exclude_ids: exclude,
      });
      results.recommendation = { kind: 'recommendations', ...found };
      update.shown = shownOf(found.products);
      update.focus = null;
      const top = found.products[0];
      if (top && location) {
        const availability = await agents.inventory.check({ product_id: top.product_id, location });
        if (availability) results.inventory = { kind: 'availability', availability };
      }
      break;
    }
    case 'product_details': {
      const product = target ? await agents.recommendation.details(target) : null;
      if (!product) {
        results.recommendation = { kind: 'not_found', query: e.query ?? null };
        break;
      }
      results.recommendation = { kind: 'details', product };
      update.focus = product.product_id;
      if (!state.shown.some((p) => p.product_id === product.product_id)) update.shown = shownOf([product]);
      const availability = await agents.inventory.check({
        product_id: product.product_id,
        location,
        color: e.color,
        size: e.size,
      });
      if (availability) results.inventory = { kind: 'availability', availability };
      break;
    }
    case 'inventory_check': {
      const productId = target ?? state.focus;
      if (!productId) {
        const stores = location ? await agents.inventory.storesNear(location) : [];
        results.inventory = {
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
        };
        break;
      }
      const availability = await agents.inventory.check({
        product_id: productId,
        color: e.color,
        size: e.size,
        quantity: e.quantity ?? 1,
        location,
      });
      results.inventory = availability ? { kind: 'availability', availability } : { kind: 'no_product' };
      if (availability) update.focus = productId;
      break;
    }
    case 'add_to_cart':
      results.cart = await addToCart(state, deps, target);
      if (results.cart.kind === 'add') {
        const r = results.cart.result;
        update.pending =
          r.status === 'needs_variant'
            ? pendingFor(state, r.product_id, r.missing)
            : r.status === 'variant_unavailable' && state.pending
              ? state.pending
              : null;
        if (r.status === 'added' || r.status === 'needs_variant') update.focus = r.product_id;
      }
      break;
    case 'view_cart':
      results.cart = { kind: 'view', cart: await agents.cart.view(state.user_id) };
      break;
    case 'remove_from_cart':
    case 'update_cart':
      results.cart = await changeLine(state, deps, target);
      break;
    case 'clear_cart':
      results.cart = { kind: 'change', action: 'clear', result: await agents.cart.clear(state.user_id) };
      update.redeem_points = 0;
      break;
    case 'checkout': {
      const result = await agents.cart.checkout(state.user_id, {
        customer,
        redeem_points: e.points ?? state.redeem_points,
        fulfilment: e.fulfilment === 'pickup' ? { type: 'pickup' } : { type: 'ship' },
      });
      results.cart = { kind: 'checkout', result };
      if (result.status === 'placed') {
        update.redeem_points = 0;
        update.pending = null;
        results.loyalty = { kind: 'status', status: agents.loyalty.status(result.customer) };
      }
      break;
    }
    case 'order_status':
      results.cart = { kind: 'orders', orders: await agents.cart.orders(state.user_id) };
      break;
    case 'loyalty': {
      const cart = await agents.cart.view(state.user_id);
      results.loyalty = {
        kind: 'status',
        status: agents.loyalty.status(customer),
        ...(cart.item_count > 0 ? { quote: agents.loyalty.quote(customer, cart.subtotal) } : {}),
      };
      if (cart.item_count > 0) results.cart = { kind: 'view', cart };
      break;
    }
    case 'redeem_points': {
      const cart = await agents.cart.view(state.user_id);
      results.cart = { kind: 'view', cart };
      const quote = agents.loyalty.quote(customer, cart.subtotal);
      const requested = e.points ?? quote.max_redeemable_points;
      const check = agents.loyalty.checkRedemption(customer, requested, cart.subtotal);
      results.loyalty = {
        kind: 'redemption',
        check,
        requested,
        cart_subtotal: cart.subtotal,
        min_redemption: agents.loyalty.status(customer).min_redemption,
      };
      if (check.ok) update.redeem_points = check.points;
      break;
    }
    default:
      break;
  }

  // Secondary: what the cart now means in loyalty terms.
  const cartNow = cartOf(results.cart);
  if (state.plan.secondary.includes('loyalty') && !results.loyalty && cartNow && cartNow.item_count > 0) {
    results.loyalty = { kind: 'quote', quote: agents.loyalty.quote(customer, cartNow.subtotal) };
  }
  return { ...update, results };
}

function cartOf(result: CartResult | undefined) {
  if (!result) return null;
  if (result.kind === 'view') return result.cart;
  if (result.kind === 'add' && result.result.status === 'added') return result.result.cart;
  if (result.kind === 'change') return result.result.cart;
  return null;
}

function pendingFor(state: SalesStateType, productId: string, missing: ('color' | 'size')[]): PendingAdd {
  const previous = state.pending?.product_id === productId ? state.pending : null;
  return {
    action: 'add_to_cart',
    product_id: productId,
    quantity: state.entities.quantity ?? previous?.quantity ?? 1,
    color: state.entities.color ?? previous?.color,
    size: state.entities.size ?? previous?.size,
    missing,
  };
}

async function addToCart(
  state: SalesStateType,
  deps: ExecuteDeps,
  target: string | null,
): Promise<CartResult> {
  const e = state.entities;
  const pending = state.pending?.product_id === target ? state.pending : null;
  if (!target) return { kind: 'no_product', action: 'add' };
  // "Add 2 more" of something already in the cart means the same colour and size.
  const inCart =
    e.color === undefined && e.size === undefined && !pending
      ? (await deps.agents.cart.view(state.user_id)).items.filter((i) => i.product_id === target)
      : [];
  const same = inCart.length === 1 ? inCart[0] : undefined;
  const wanted = {
    product_id: target,
    color: e.color ?? pending?.color ?? same?.color ?? undefined,
    size: e.size ?? pending?.size ?? same?.size ?? undefined,
    quantity: e.quantity ?? pending?.quantity ?? 1,
  };
  // "Hoodies in medium" ... "add the first one" means the medium one, when it comes in medium.
  const fromSlots = { color: wanted.color ?? state.slots.color, size: wanted.size ?? state.slots.size };
  if (fromSlots.color !== wanted.color || fromSlots.size !== wanted.size) {
    const result = await deps.agents.cart.add(state.user_id, { ...wanted, ...fromSlots });
    if (result.status !== 'variant_unavailable') return { kind: 'add', result };
  }
  return { kind: 'add', result: await deps.agents.cart.add(state.user_id, wanted) };
}

async function changeLine(
  state: SalesStateType,
  deps: ExecuteDeps,
  target: string | null,
): Promise<CartResult> {
  const e = state.entities;
  const action = state.intent === 'update_cart' ? 'update' : 'remove';
  const cart = await deps.agents.cart.view(state.user_id);
  // Lines are referred to by their place in the cart, their name or category, or the product in focus.
  let line =
    e.reference?.kind === 'ordinal' && /\b(item|line|thing)\b/i.test(state.message)
      ? cart.items[e.reference.index]
      : undefined;
  line ??= cart.items.find((i) => i.product_id === target);
  if (!line && (e.query || e.category)) {
    const needle = `${e.query ?? ''} ${e.category ?? ''}`.toLowerCase();
    line = cart.items.find((i) =>
      needle.split(/\s+/).some((w) => w.length > 2 && i.name.toLowerCase().includes(w.replace(/s$/, ''))),
    );
  }
  if (!line && e.reference?.kind === 'last') line = cart.items.at(-1);
  if (!line && cart.items.length === 1) line = cart.items[0];
  if (!line) return { kind: 'no_product', action };
  if (action === 'remove') {
    return {
      kind: 'change',
      action,
      result: await deps.agents.cart.remove(state.user_id, { sku: line.sku }),
    };
  }
  const quantity = e.quantity ?? line.quantity;
  return {
    kind: 'change',
    action,
    result: await deps.agents.cart.update(state.user_id, { sku: line.sku, quantity }),
  };
}
