import type { PendingAdd } from './pending.js';
import type { CartResult } from '../shared/cart-result.js';
import type { ChangeResult } from '../../agents/cart/cart-agent.js';
import type { CartLine, CartView } from '../../agents/cart/cart-view.js';
import type { Handler, Outcome, Turn } from '../flow.js';

function pendingFor(
  { state }: Turn,
  productId: string,
  missing: ('color' | 'size')[],
  options: { colors: string[]; sizes: string[] },
): PendingAdd {
  const previous =
    state.pending?.action === 'add_to_cart' && state.pending.product_id === productId ? state.pending : null;
  return {
    action: 'add_to_cart',
    product_id: productId,
    quantity: state.entities.quantity ?? previous?.quantity ?? 1,
    color: state.entities.color ?? previous?.color,
    size: state.entities.size ?? previous?.size,
    missing,
    options,
  };
}

async function tryAdd({ state, agents, target }: Turn & { target: string }): Promise<CartResult> {
  const e = state.entities;
  const pending =
    state.pending?.action === 'add_to_cart' && state.pending.product_id === target ? state.pending : null;
  // "Add 2 more" of something already in the cart means the same colour and size.
  const inCart =
    e.color === undefined && e.size === undefined && !pending
      ? (await agents.cart.view(state.user_id)).items.filter((i) => i.product_id === target)
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
    const result = await agents.cart.add(state.user_id, { ...wanted, ...fromSlots, actor: state.actor });
    if (result.status !== 'variant_unavailable') return { kind: 'add', result };
  }
  return { kind: 'add', result: await agents.cart.add(state.user_id, { ...wanted, actor: state.actor }) };
}

/** Adds the product in question, or asks which colour or size and remembers the question. */
export const addToCart: Handler = async (turn) => {
  const { target, state } = turn;
  if (!target) return { results: { cart: { kind: 'no_product', action: 'add' } } };
  const cart = await tryAdd({ ...turn, target });
  if (cart.kind !== 'add') return { results: { cart } };
  const r = cart.result;
  const pending =
    r.status === 'needs_variant'
      ? pendingFor(turn, r.product_id, r.missing, { colors: r.colors, sizes: r.sizes })
      : r.status === 'variant_unavailable' || state.pending?.action === 'checkout'
        ? state.pending
        : null;
  const focus = r.status === 'added' || r.status === 'needs_variant' ? { focus: r.product_id } : {};
  return { results: { cart }, update: { pending, ...focus } };
};

export const viewCart: Handler = async ({ state, agents }) => ({
  results: { cart: { kind: 'view', cart: await agents.cart.view(state.user_id) } },
});

/** The cart line a message means: by its place in the cart, the product in question, its name or category. */
function pickLine(cart: CartView, { state, target }: Turn): CartLine | undefined {
  const e = state.entities;
  let line =
    e.reference?.kind === 'ordinal' && /\b(item|line|thing)\b/i.test(state.message)
      ? cart.items[e.reference.index]
      : undefined;
  line ??= cart.items.find((i) => i.product_id === target);
  if (!line && (e.query || e.category)) {
    const words = `${e.query ?? ''} ${e.category ?? ''}`.toLowerCase().split(/\s+/);
    line = cart.items.find((i) =>
      words.some((w) => w.length > 2 && i.name.toLowerCase().includes(w.replace(/s$/, ''))),
    );
  }
  if (!line && e.reference?.kind === 'last') line = cart.items.at(-1);
  if (!line && cart.items.length === 1) line = cart.items[0];
  return line;
}

/** A count said as more of what is already in the cart. */
const MORE =
  /\b(?:\d+|an?|one|two|three|four|five|six|seven|eight|nine|ten|couple(?: of)?|few)\s+(?:more|extra)\b|\banother\s+(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|couple)\b/i;

/**
 * Cart edits that do exactly what was said: "make that 2" sets the quantity, "remove one" takes one off,
 * "remove the hoodie" drops the line, "change the size to L" or "the blue one" swaps the variant.
 */
export const changeLine: Handler = async (turn) => {
  const { state, agents } = turn;
  const e = state.entities;
  const user = state.user_id;
  const action = state.intent === 'update_cart' ? 'update' : 'remove';
  const cart = await agents.cart.view(user);
  if (cart.items.length === 0)
    return { results: { cart: { kind: 'change', action, result: { status: 'not_in_cart', cart } } } };
  const line = pickLine(cart, turn);
  if (!line) return { results: { cart: { kind: 'no_product', action } } };
  const change = (result: ChangeResult): Outcome => ({
    results: { cart: { kind: 'change', action, result } },
  });
  const ref = { sku: line.sku, actor: state.actor };

  if (action === 'remove') {
    // "Remove one" takes units off the line; "remove the hoodie" the whole line.
    return change(await agents.cart.remove(user, { ...ref, quantity: e.quantity }));
  }
  if (e.quantity !== undefined) {
    // "10 more", "another 2" add to the line, as "remove one" takes off; "make that 10" sets it.
    const more = MORE.test(state.message);
    return change(
      await agents.cart.update(user, { ...ref, quantity: more ? line.quantity + e.quantity : e.quantity }),
    );
  }
  if (e.color !== undefined || e.size !== undefined) {
    return change(await agents.cart.swapVariant(user, { ...ref, color: e.color, size: e.size }));
  }
  return { results: { cart: { kind: 'ask_change', name: line.name } } };
};

export const clearCart: Handler = async ({ state, agents }) => ({
  results: {
    cart: {
      kind: 'change',
      action: 'clear',
      result: await agents.cart.clear(state.user_id, { actor: state.actor }),
    },
  },
  update: { redeem_points: 0 },
});
