import type { Order, OrderLine } from '../../domain/types.js';
import { AppError } from '../../errors.js';
import type { PendingOrder } from '../orders/pending.js';
import type { ReturnDraft } from './pending.js';
import type { ReturnsResult } from './results.js';
import type { Handler, Outcome, Turn } from '../flow.js';
import { itemNamed, orderIdIn, pendingOrder, pickOrder, positionIn, whichOf } from '../orders/pick.js';

/** Orders whose items can go back: delivered ones (the shop's window is checked when quoting). */
const delivered = (o: Order) => o.status === 'delivered';

/** Words of sending something back. */
const RETURN_WORDS = /\b(?:return|returning|send (?:it |them |\w+ )?back|exchange|swap|refund)\b/i;

/** A question about how returns work rather than a request to return something. */
const ASKS_HOW =
  /^(?:how|what|can|could|do|does|is|are|where|whats|what's)\b|\b(?:policy|policies|rules?|window|how long|how many days)\b/i;

/** Wanting another size or colour rather than money back. */
export const EXCHANGE =
  /\b(?:exchange|swap|switch|replace|different (?:size|colou?r)|(?:another|other|bigger|smaller|larger) (?:size|one|colou?r)|size up|size down)\b/i;

/** A reason for sending something back, given with the request. */
const REASON =
  /\b(?:(?:it|they|its|it's|theyre|they're|the \w+)\s+(?:is|are|was|were|keeps?|kept|won'?t|wont|do(?:es)?n'?t|dont|stopped|broke|came|smells?|looks?|feels?|leaks?|hurts?|fell|ran|shrank|faded)|because|since|too (?:small|big|large|tight|loose|long|short|narrow|wide)|(?:does ?n[o']?t|did ?n[o']?t|not|doesnt|didnt) (?:fit|work|like|want|need|match|look)|damaged|broken|defective|faulty|wrong|not as (?:described|pictured|expected)|changed? my mind|poor quality|cheap|scratched|stopped working|ripped|torn|stain|late|arrived|leak(?:s|ing)?|crack(?:ed)?|missing|fake|itchy|uncomfortable|shrank|faded|peeling|smells?|hole|dead|battery|charg(?:e|ing)|unwanted|duplicate|gift|rubbish|crackl(?:e|es|ing)|nois[ey]|static|buzz(?:es|ing)?)\b/i;

/** A question back ("how long till I get the money?") rather than a reason for returning. */
const NOT_A_REASON = /^\W*(?:how|when|where|what|whats|can|could|do|does|is|will|hmm how|ok how)\b/i;

/** Asking how a return already made stands, or when its money comes. */
const ASKS_STATUS =
  /\b(?:status|update|progress|any news|heard back|processed|when (?:will|do|does|can|would) (?:i|we) (?:get|receive|see|have)|where(?:'s| is|s) (?:my|the) (?:refund|money|return)|(?:has|did|have) (?:my|the) (?:refund|return|money)|refund (?:yet|come|arrived?|go(?:ne)? through)|(?:still|not) (?:got|received|seen) (?:my|the|a) refund)\b/i;

/**
 * Whether a message is really about returning something this customer has, or a return they made:
 * "can I return the headphones?" from someone whose delivered order has them, "has my refund gone
 * through?" from someone with a return.
 */
export async function aboutTheirReturn(turn: Turn): Promise<boolean> {
  const { state, agents } = turn;
  if (!RETURN_WORDS.test(state.message)) return false;
  if (
    ASKS_STATUS.test(state.message) &&
    (await agents.returns.list({ user_id: state.user_id, limit: 1 })).length > 0
  )
    return true;
  // Any order of theirs: for one not delivered yet, the returns flow says why it can't go back yet.
  const orders = await agents.orders.listForUser(state.user_id, 20);
  return (
    itemNamed(
      state.message,
      orders.map((o) => o.items.map((l) => l.name)),
    ) >= 0
  );
}

const result = (returns: ReturnsResult, pending: PendingOrder | null = null): Outcome => ({
  results: { returns },
  update: { pending },
});

const asking = (order: Order, draft: ReturnDraft): PendingOrder => ({
  action: 'return_request',
  order_id: order.order_id,
  status: order.status,
  choices: [],
  return: draft,
  item_names: order.items.map((l) => l.name),
});

/** The line of the order the message names: the only one, by name, or by position in the list shown. */
function lineNamed(turn: Turn, order: Order, listed: boolean): OrderLine | null {
  if (order.items.length === 1) return order.items[0]!;
  const byName = itemNamed(
    turn.state.message,
    order.items.map((l) => [l.name, [l.color, l.size].filter(Boolean).join(' ')]),
  );
  if (byName >= 0) return order.items[byName]!;
  if (!listed) return null;
  const at = positionIn(turn.state.message, turn.state.entities.reference, order.items.length);
  return at >= 0 ? order.items[at]! : null;
}

/** The variant wanted instead, from the message: a size or colour other than the one going back. */
function wanted(turn: Turn, line: OrderLine): { color?: string; size?: string } | null {
  const { color, size } = turn.state.entities;
  const out: { color?: string; size?: string } = {};
  if (size && size.toLowerCase() !== line.size?.toLowerCase()) out.size = size;
  if (color && color.toLowerCase() !== line.color?.toLowerCase()) out.color = color;
  return out.size || out.color ? out : null;
}

/** The next step once the order is known: which item, what instead, why, then the quote to confirm. */
async function next(turn: Turn, order: Order, draft: ReturnDraft): Promise<Outcome> {
  const { state, agents } = turn;
  let items = draft.items;
  if (items.length === 0) {
    const line = lineNamed(turn, order, draft.asked === 'item');
    if (!line) return result({ kind: 'ask_item', order }, asking(order, { ...draft, asked: 'item' }));
    const holding = (await agents.returns.list({ order_id: order.order_id })).filter(
      (r) => r.status !== 'rejected' && r.lines.some((l) => l.sku === line.sku),
    );
    const taken = holding
      .flatMap((r) => r.lines)
      .filter((l) => l.sku === line.sku)
      .reduce((a, l) => a + l.quantity, 0);
    // All of it is already on its way back: how that return stands, not a refusal.
    if (taken >= line.quantity) return result({ kind: 'status', returns: holding });
    const left = line.quantity - taken;
    const quantity = Math.min(state.entities.quantity ?? left, left);
    const instead = wanted(turn, line);
    items = [{ sku: line.sku, quantity, ...(instead ? { exchange_for: instead } : {}) }];
    if (!instead && EXCHANGE.test(state.message))
      return result(
        { kind: 'ask_variant', order, sku: line.sku },
        asking(order, { ...draft, items, asked: 'variant' }),
      );
  } else if (draft.asked === 'variant') {
    const line = order.items.find((l) => l.sku === items[0]?.sku);
    const instead = line ? wanted(turn, line) : null;
    if (!instead) return result({ kind: 'ask_variant', order, sku: items[0]!.sku }, asking(order, draft));
    items = items.map((i) => ({ ...i, exchange_for: instead }));
  }
  // A bare "yes" or "ok" to "what's the reason?" is no reason: it is asked again.
  const answered =
    draft.asked === 'reason' &&
    state.answer !== 'yes' &&
    /\p{L}{2}/u.test(state.message) &&
    !NOT_A_REASON.test(state.message);
  const reason =
    draft.reason ??
    (answered ? state.message.trim().slice(0, 500) : null) ??
    (REASON.test(state.message) ? state.message.trim().slice(0, 500) : null);
  // Whether it can go back at all is said before asking why.
  let quote;
  try {
    quote = await agents.returns.quote(
      { order_id: order.order_id, items, reason: reason ?? '-' },
      state.user_id,
    );
  } catch (error) {
    if (!(error instanceof AppError) || error.category !== 'user') throw error;
    return result({ kind: 'refused', order_id: order.order_id, message: error.message });
  }
  if (!reason)
    return result(
      { kind: 'ask_reason', order, skus: items.map((i) => i.sku) },
      asking(order, { items, reason: null, asked: 'reason' }),
    );
  const { order: _order, already: _already, ...view } = quote;
  return result(
    {
      kind: 'confirm',
      order,
      quote: view,
    },
    asking(order, { items, reason, asked: 'confirm' }),
  );
}

/**
 * "I want to return the shoes": finds the delivered order and the item meant, a size or colour instead
 * for an exchange, and why; shows what comes back (computed by the returns service from what was paid)
 * and starts the return only on a "yes" to that. A question about how returns work gets the shop's rules
 * and the orders that could go back.
 */
export const returnRequest: Handler = async (turn) => {
  const { state, agents } = turn;
  const pending = pendingOrder(turn, 'return_request');
  const draft = pending?.return;
  if (pending && state.answer === 'no') return result({ kind: 'kept' });
  if (pending?.order_id && draft?.asked === 'confirm' && state.answer === 'yes') {
    try {
      const ret = await agents.returns.request(
        { order_id: pending.order_id, items: draft.items, reason: draft.reason ?? 'not given' },
        state.user_id,
        state.actor,
        state.session_id,
      );
      return result({ kind: 'made', ret });
    } catch (error) {
      if (!(error instanceof AppError) || error.category !== 'user') throw error;
      return result({ kind: 'refused', order_id: pending.order_id, message: error.message });
    }
  }

  // "Where's my refund?" about a return already made: how it stands, rather than a new one.
  if (draft?.asked !== 'reason' && ASKS_STATUS.test(state.message)) {
    const made = await agents.returns.list({ user_id: state.user_id, limit: 5 });
    if (made.length > 0) return result({ kind: 'status', returns: made });
  }
  const orders = await agents.orders.listForUser(state.user_id, 20);
  const current = pending?.order_id ? orders.find((o) => o.order_id === pending.order_id) : undefined;
  // Another order's item named ("and the shoes?") starts over with that one rather than going on.
  const elsewhere =
    current !== undefined &&
    itemNamed(state.message, [current.items.map((l) => l.name)]) < 0 &&
    itemNamed(
      state.message,
      orders.filter((o) => o.order_id !== current.order_id).map((o) => o.items.map((l) => l.name)),
    ) >= 0;
  if (current && draft && !orderIdIn(state.message) && !elsewhere) {
    // A bare "yes" after a side question lands here too: the return is shown again, not made.
    return next(turn, current, draft);
  }
  // Offered: delivered orders still inside the shop's window; one named by item or id is taken whatever
  // its age, and told why when it is too late.
  const window = turn.shop.shop.returns?.window_days ?? null;
  const now = turn.shop.now().getTime();
  // Orders with nothing left to send back (all on their way back already) are not offered.
  const held = new Map<string, number>();
  for (const r of await agents.returns.list({ user_id: state.user_id, limit: 200 }))
    if (r.status !== 'rejected')
      for (const l of r.lines)
        held.set(`${r.order_id}/${l.sku}`, (held.get(`${r.order_id}/${l.sku}`) ?? 0) + l.quantity);
  const open = (o: Order) => o.items.some((l) => (held.get(`${o.order_id}/${l.sku}`) ?? 0) < l.quantity);
  // Named by item, a fully returned order still answers with how its return stands.
  const all = orders.filter(delivered);
  const candidates = (
    window === null ? all : all.filter((o) => Date.parse(o.updated_at) + window * 86_400_000 >= now)
  ).filter(open);
  const rules = result(
    { kind: 'rules', orders: candidates, late: all.filter(open).length - candidates.length },
    candidates.length > 0 ? whichOf('return_request', candidates) : null,
  );
  const byItem = itemNamed(
    state.message,
    all.map((o) => o.items.map((l) => l.name)),
  );
  // Not among the delivered ones: an item of an order still on its way is told so, not offered others.
  const onTheWay =
    byItem < 0
      ? itemNamed(
          state.message,
          orders.filter((o) => !delivered(o)).map((o) => o.items.map((l) => l.name)),
        )
      : -1;
  const itemOrder =
    byItem >= 0 ? all[byItem] : onTheWay >= 0 ? orders.filter((o) => !delivered(o))[onTheWay] : undefined;
  const named = orderIdIn(state.message) !== null || itemOrder !== undefined;
  if (!pending && !named && ASKS_HOW.test(state.message) && !REASON.test(state.message)) return rules;
  const picked =
    itemOrder && !orderIdIn(state.message) && !pending?.choices.length
      ? { order: itemOrder }
      : pickOrder(turn, orders, candidates, pending);
  if ('unknown' in picked) return result({ kind: 'unknown', named: picked.unknown });
  if ('order' in picked) {
    const order = picked.order;
    if (delivered(order)) return next(turn, order, { items: [], reason: null, asked: 'item' });
    // Not delivered (yet): the returns service says why, in the words it uses everywhere.
    const first = order.items[0];
    const why = first
      ? await agents.returns
          .quote(
            { order_id: order.order_id, items: [{ sku: first.sku, quantity: 1 }], reason: '-' },
            state.user_id,
          )
          .then(
            () => null,
            (error: unknown) => (error instanceof AppError ? error.message : null),
          )
      : null;
    return result({
      kind: 'refused',
      order_id: order.order_id,
      message: why ?? `Order ${order.order_id} can't be returned.`,
      later: ['pending_payment', 'paid', 'fulfilled'].includes(order.status),
    });
  }
  if ('choose' in picked)
    return result({ kind: 'choose', orders: picked.choose }, whichOf('return_request', picked.choose));
  return rules;
};
