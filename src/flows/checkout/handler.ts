import type { PickupCandidate } from '../../agents/inventory/inventory-agent.js';
import type { Address, Fulfilment } from '../../domain/types.js';
import { unpaidOrders } from '../shared/unpaid-orders.js';
import type { PendingCheckout } from './pending.js';
import type { CartResult } from '../shared/cart-result.js';
import type { Handler, Outcome, Turn } from '../flow.js';
import { ADDRESS_FIELDS, contactIn, isCompleteAddress, parseAddress } from './delivery.js';

/** A store named where an address was asked for: "the Mission District store please". */
export const NAMES_A_STORE = /\b(?:store|shop|branch)\b/i;

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A store the message names: a distinctive word of its name ("Mission"), else its city ("at Oakland"). */
function namedStore(candidates: PickupCandidate[], { state }: Turn): PickupCandidate | undefined {
  const message = state.message.toLowerCase();
  const byName = candidates.find((c) =>
    c.name
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .some(
        (w) =>
          w.length > 3 &&
          !['store', 'district', 'street', 'place', 'center', 'centre'].includes(w) &&
          new RegExp(`\\b${escape(w)}\\b`).test(message),
      ),
  );
  if (byName) return byName;
  const city = state.entities.location?.name.toLowerCase();
  const inCity = city ? candidates.filter((c) => c.city.toLowerCase() === city) : [];
  return inCity.find((c) => c.ready_today) ?? inCity[0];
}

/** Points asked for with "checkout with 200 points" are kept like "redeem 200 points", so a "yes" matches. */
const ask = (result: CartResult, pending: PendingCheckout): Outcome => ({
  results: { cart: result },
  update: { pending, redeem_points: pending.redeem_points },
});

/**
 * Prepares the order summary: shipping (method and address) or pickup (a store that can hand over every
 * line today), a guest's contact, then the priced summary and a pending "yes" bound to this cart version
 * and total for the shop's confirmation window. Asks for what is missing instead of guessing it.
 */
async function prepare(
  turn: Turn,
  pending: PendingCheckout | null,
  note?: 'expired' | 'changed',
): Promise<Outcome> {
  const { state, agents, customer, shop } = turn;
  const e = state.entities;
  const user = state.user_id;
  // The points most recently asked for, here or by "redeem N points" since the summary.
  const redeem = e.points ?? state.redeem_points;
  // A street typed while pickup is shown ships there; a store named while an address is asked collects.
  const street = parseAddress(state.message).address.line1 !== undefined;
  const wantsPickup =
    e.fulfilment === 'pickup' ||
    (e.fulfilment === undefined && !street && pending?.fulfilment.type === 'pickup') ||
    (e.fulfilment === undefined &&
      !street &&
      pending?.missing === 'address' &&
      NAMES_A_STORE.test(state.message));
  // An empty cart, a sold-out line or refused points are said before asking for an address.
  const early = await agents.cart.quote(user, { customer, redeem_points: redeem });
  if (early.status !== 'quoted') {
    // An address or contact typed along with "checkout" is kept, so the customer never types it twice.
    const typed = parseAddress(state.message).address;
    const contact = contactIn(state.message);
    // "How do I pay?" right after ordering finds an empty cart: what it means is the order waiting for payment.
    const unpaid = early.status === 'empty' ? await unpaidOrders(turn) : [];
    return {
      results: { cart: { kind: 'checkout', result: early, ...(unpaid.length > 0 ? { unpaid } : {}) } },
      update: {
        pending: null,
        delivery: {
          ...state.delivery,
          ...(isCompleteAddress(typed) ? { address: typed } : {}),
          ...(contact ? { contact } : {}),
        },
        ...(early.status === 'redemption_refused' ? { redeem_points: 0 } : {}),
      },
    };
  }
  let fulfilment: Fulfilment;
  let store: PickupCandidate | undefined;
  const base = (
    f: Fulfilment,
    missing: PendingCheckout['missing'],
    partial?: Partial<Address>,
  ): PendingCheckout => ({
    action: 'checkout',
    fulfilment: f,
    redeem_points: redeem,
    missing,
    confirm: null,
    ...(partial ? { partial } : {}),
  });

  if (wantsPickup) {
    const candidates = await agents.inventory.pickupStores(early.summary.lines, turn.location);
    const ready = candidates.filter((c) => c.ready_today);
    const before =
      pending?.fulfilment.type === 'pickup'
        ? candidates.find(
            (c) => pending.fulfilment.type === 'pickup' && c.store_id === pending.fulfilment.store_id,
          )
        : undefined;
    // With no store named and no idea where the customer is, "nearest" means nothing: ask.
    store = namedStore(candidates, turn) ?? before ?? (turn.location ? ready[0] : undefined);
    if (!store && !turn.location && ready.length > 0) {
      return {
        results: { cart: { kind: 'pickup_choose', stores: ready.slice(0, 5) } },
        update: {
          pending: { ...base({ type: 'pickup', store_id: '' }, null), confirm: null },
          redeem_points: redeem,
        },
      };
    }
    if (!store?.ready_today) {
      return {
        results: {
          cart: {
            kind: 'pickup_refused',
            store: store ?? null,
            alternatives: ready.filter((c) => c !== store).slice(0, 3),
          },
        },
        update: { pending: null },
      };
    }
    fulfilment = { type: 'pickup', store_id: store.store_id };
  } else {
    const named = shop.shop.shipping.find((m) =>
      new RegExp(`\\b(${escape(m.id)}|${escape(m.name)})\\b`, 'i').test(state.message),
    );
    const previous = pending?.fulfilment.type === 'ship' ? pending.fulfilment.method : undefined;
    const method = named?.id ?? previous ?? shop.shop.shipping[0]!.id;
    const parsed = parseAddress(state.message);
    // Words of a message are read as an address only when one was asked for or a street is in it.
    // An email or phone number given instead is no address.
    const reading =
      (pending?.missing === 'address' && state.answer === null && !contactIn(state.message)) ||
      parsed.address.line1 !== undefined;
    const merged = reading ? { ...pending?.partial, ...parsed.address } : { ...pending?.partial };
    // The address given earlier in this checkout (before its email was asked for) comes first.
    const given = pending?.fulfilment.type === 'ship' ? pending.fulfilment.address : undefined;
    let address = given ?? state.delivery.address ?? customer.shipping_address ?? undefined;
    // An address typed in this message (or completing one asked for) replaces the one on file; a new
    // street without the rest is asked about, never silently swapped for the old address.
    if (isCompleteAddress(merged) && reading) address = merged;
    else if (parsed.address.line1) address = undefined;
    if (!address) {
      const asked = reading && Object.keys(merged).length > 0;
      const fields = (Object.keys(ADDRESS_FIELDS) as (keyof typeof ADDRESS_FIELDS)[])
        .filter((f) => !merged[f])
        .map((f) => ADDRESS_FIELDS[f]);
      const asking = ask(
        { kind: 'checkout_ask', missing: 'address', fields },
        base({ type: 'ship', method }, 'address', asked ? merged : undefined),
      );
      // An email or phone number given before the address is kept for when it comes.
      const contact = contactIn(state.message);
      return contact
        ? { ...asking, update: { ...asking.update, delivery: { ...state.delivery, contact } } }
        : asking;
    }
    fulfilment = { type: 'ship', method, address };
  }

  // A guest leaves an email or phone for order updates; a customer with an account has one on file.
  const given = contactIn(state.message, pending?.missing === 'contact');
  const contact = given ?? state.delivery.contact ?? (customer.email || undefined);
  if (!contact) return ask({ kind: 'checkout_ask', missing: 'contact' }, base(fulfilment, 'contact'));
  if (customer.is_guest) fulfilment = { ...fulfilment, contact };

  // Where it goes and who hears of it are kept for the next checkout, even when this one is refused.
  const delivery = {
    ...state.delivery,
    ...(fulfilment.type === 'ship' ? { address: fulfilment.address } : {}),
    ...(customer.is_guest ? { contact } : {}),
  };
  const quoted = await agents.cart.quote(user, { customer, redeem_points: redeem, fulfilment });
  if (quoted.status !== 'quoted') {
    return {
      results: { cart: { kind: 'checkout', result: quoted } },
      update: {
        pending: null,
        delivery,
        ...(quoted.status === 'redemption_refused' ? { redeem_points: 0 } : {}),
      },
    };
  }
  const expires = new Date(
    shop.now().getTime() + shop.shop.checkout.confirmation_minutes * 60_000,
  ).toISOString();
  const summary = quoted.summary;
  // A summary shown before is never silently replaced when the cart or its prices moved under it; a
  // change the customer just asked for (express shipping, points, pickup) is simply the new summary.
  const before = pending?.confirm;
  const askedForChange =
    pending !== null &&
    (pending.redeem_points !== redeem ||
      JSON.stringify(pending.fulfilment) !== JSON.stringify(summary.fulfilment));
  const moved =
    before &&
    (before.cart_version !== summary.cart_version ||
      (before.total !== summary.totals.total && !askedForChange));
  note ??= moved ? 'changed' : undefined;
  return {
    results: {
      cart: {
        kind: 'checkout_summary',
        summary,
        expires_at: expires,
        ...(store ? { store } : {}),
        ...(note ? { note } : {}),
      },
    },
    update: {
      pending: {
        ...base(summary.fulfilment, null),
        confirm: { cart_version: summary.cart_version, total: summary.totals.total, expires_at: expires },
      },
      redeem_points: redeem,
      delivery,
    },
  };
}

/** A "yes" to the summary shown: places the order if the cart and total still match and it has not expired. */
async function confirm(
  turn: Turn,
  pending: PendingCheckout & { confirm: NonNullable<PendingCheckout['confirm']> },
): Promise<Outcome> {
  const { state, agents, customer, shop } = turn;
  if (Date.parse(pending.confirm.expires_at) < shop.now().getTime()) return prepare(turn, pending, 'expired');
  if (state.redeem_points !== pending.redeem_points) return prepare(turn, pending, 'changed');
  // A pickup summary holds only while the store can still hand the order over today.
  const f = pending.fulfilment;
  if (f.type === 'pickup') {
    const lines = (await agents.cart.view(state.user_id)).items;
    const stores = await agents.inventory.pickupStores(lines, turn.location);
    if (!stores.find((s) => s.store_id === f.store_id)?.ready_today) return prepare(turn, pending, 'changed');
  }
  const result = await agents.cart.checkout(state.user_id, {
    customer,
    actor: state.actor,
    redeem_points: pending.redeem_points,
    fulfilment: pending.fulfilment,
    expect: { cart_version: pending.confirm.cart_version, total: pending.confirm.total },
    session_id: state.session_id,
    client_address: state.client_address,
  });
  if (result.status === 'cart_changed') return prepare(turn, pending, 'changed');
  if (result.status !== 'placed')
    return { results: { cart: { kind: 'checkout', result } }, update: { pending: null } };
  // The order is placed either way; a payment page that could not be made is said, not hidden.
  const payment_url = await agents.orders.paymentLink(result.order).catch(() => undefined);
  return {
    results: {
      cart: { kind: 'checkout', result, ...(payment_url !== null ? { payment_url } : {}) },
      loyalty: { kind: 'status', status: agents.loyalty.status(result.customer) },
    },
    update: { redeem_points: 0, pending: null, last_order_id: result.order.order_id },
  };
}

export const checkout: Handler = async (turn) => {
  const pending = turn.state.pending?.action === 'checkout' ? turn.state.pending : null;
  if (pending && turn.state.answer === 'no')
    return { results: { cart: { kind: 'checkout_cancelled' } }, update: { pending: null } };
  if (pending?.confirm && turn.state.answer === 'yes')
    return confirm(turn, { ...pending, confirm: pending.confirm });
  return prepare(turn, pending);
};
