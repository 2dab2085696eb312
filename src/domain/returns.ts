import { fromCents, toCents } from './money.js';
import type { Order, OrderLine } from './types.js';

/**
 * Returns and exchanges: which units of an order can go back, and what each gives back. Pure rules;
 * storage makes them stick atomically and the returns service decides when.
 */

export type ReturnStatus = 'requested' | 'approved' | 'rejected' | 'received' | 'refunded' | 'exchanged';

/** Where a return may go from each status; anything else is refused. */
export const RETURN_TRANSITIONS: Readonly<Record<ReturnStatus, readonly ReturnStatus[]>> = {
  requested: ['approved', 'rejected'],
  approved: ['received', 'rejected'],
  received: ['refunded', 'exchanged'],
  rejected: [],
  refunded: [],
  exchanged: [],
};

/** Returns that still hold units of their order (only a rejected one gives them up). */
export const LIVE_RETURN_STATUSES: readonly ReturnStatus[] = [
  'requested',
  'approved',
  'received',
  'refunded',
  'exchanged',
];

/**
 * One order line going back: the line as ordered (`quantity` the units going back, so no `line_total`),
 * with its share of what the order was discounted, taxed and credited.
 */
export interface ReturnLine extends Omit<OrderLine, 'line_total'> {
  /** Its share of the order's tier discount, redeemed points (as money) and tax. */
  tier_discount: number;
  points_discount: number;
  tax: number;
  /** Money back for it: price less its discounts plus its tax; 0 for an exchange. */
  refund: number;
  /** Redeemed points that come back, and earned points that go; 0 for an exchange. */
  points_back: number;
  points_reversed: number;
  /** Another variant of the same product sent instead of money (reserved when asked for). */
  exchange_for: { sku: string; color: string | null; size: string | null } | null;
}

export interface ReturnRequest {
  return_id: string;
  order_id: string;
  user_id: string;
  status: ReturnStatus;
  reason: string;
  lines: ReturnLine[];
  /** What the customer gets back: the lines' refunds, less points earned on them that are spent since. */
  refund_amount: number;
  points_back: number;
  points_reversed: number;
  /** Points that could not be taken back (spent since), charged against the refund when received. */
  points_shortfall: number;
  /** How to send the items back, once approved. */
  instructions: string | null;
  rejection_reason: string | null;
  /** The payment provider's reference for the refund; null until refunded or when done by hand. */
  refund_ref: string | null;
  /** The conversation it was asked for in, where the customer hears what becomes of it. */
  session_id: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Splits `total` whole units over `weights` in proportion, by the largest-remainder method: each gets
 * the whole part of its share, and the units left over go to the largest fractions (the earlier on a
 * tie), so the parts always add up to `total` exactly.
 */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, w) => a + w, 0);
  if (sum <= 0 || total === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, p) => a + p, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/** What one unit of an order line carries: its shares, in the currency's minor units and in points. */
interface UnitShare {
  tier: number;
  points_money: number;
  tax: number;
  points_redeemed: number;
  points_earned: number;
}

/**
 * Every unit's share of the order's tier discount, points discount, tax, redeemed and earned points,
 * unit by unit in line order. Shares are fixed by the order alone, so returns taken one after another
 * take the next units' shares and, once every unit is back, have given back exactly the order's amounts.
 * Tax follows what was paid for each unit (and shipping where the shop taxes it, which stays).
 */
export function unitShares(
  order: Order,
  options: { digits: number; tax_on_shipping: boolean },
): UnitShare[][] {
  const minor = (amount: number) => Math.round(amount * 10 ** options.digits);
  const units = order.items.flatMap((line, l) =>
    Array.from({ length: line.quantity }, () => ({ l, price: minor(line.unit_price) })),
  );
  const prices = units.map((u) => u.price);
  const tier = largestRemainder(minor(order.tier_discount), prices);
  const pointsMoney = largestRemainder(minor(order.points_discount), prices);
  const paid = units.map((u, i) => u.price - tier[i]! - pointsMoney[i]!);
  const taxed = options.tax_on_shipping ? [...paid, minor(order.shipping)] : paid;
  const tax = largestRemainder(minor(order.tax), taxed);
  const redeemed = largestRemainder(order.points_redeemed, prices);
  const earned = largestRemainder(order.points_earned, paid);
  const byLine: UnitShare[][] = order.items.map(() => []);
  units.forEach((u, i) =>
    byLine[u.l]!.push({
      tier: tier[i]!,
      points_money: pointsMoney[i]!,
      tax: tax[i]!,
      points_redeemed: redeemed[i]!,
      points_earned: earned[i]!,
    }),
  );
  return byLine;
}

export interface ReturnItem {
  sku: string;
  quantity: number;
  /** For an exchange: the variant wanted instead. */
  exchange_for?: { sku: string; color: string | null; size: string | null };
}

/**
 * The lines of a return: for each item, the next `quantity` units of its order line after those
 * `already` returned, with their shares. Exchanged units carry no money or points: the customer keeps
 * what they paid for, in another variant.
 */
export function quoteReturn(
  order: Order,
  items: readonly ReturnItem[],
  already: Readonly<Record<string, number>>,
  options: { digits: number; tax_on_shipping: boolean },
): ReturnLine[] {
  const shares = unitShares(order, options);
  const scale = 10 ** options.digits;
  const money = (minorUnits: number) => Math.round(minorUnits) / scale;
  const used: Record<string, number> = { ...already };
  return items.map((item) => {
    const l = order.items.findIndex((line) => line.sku === item.sku);
    const line = order.items[l]!;
    const from = used[item.sku] ?? 0;
    used[item.sku] = from + item.quantity;
    const taken = shares[l]!.slice(from, from + item.quantity);
    const sum = (key: keyof UnitShare) => taken.reduce((a, s) => a + s[key], 0);
    const exchange = item.exchange_for ?? null;
    const unitMinor = Math.round(line.unit_price * scale);
    const refund = item.quantity * unitMinor - sum('tier') - sum('points_money') + sum('tax');
    return {
      product_id: line.product_id,
      sku: line.sku,
      name: line.name,
      color: line.color,
      size: line.size,
      quantity: item.quantity,
      unit_price: line.unit_price,
      tier_discount: money(sum('tier')),
      points_discount: money(sum('points_money')),
      tax: money(sum('tax')),
      refund: exchange ? 0 : money(refund),
      points_back: exchange ? 0 : sum('points_redeemed'),
      points_reversed: exchange ? 0 : sum('points_earned'),
      exchange_for: exchange,
    };
  });
}

/**
 * The spend a return takes off the customer's record: what its lines refund for goods. Tax was never
 * spend; exchanged units refund nothing and stay sold.
 */
export const returnedSpend = (lines: readonly ReturnLine[]): number =>
  fromCents(lines.reduce((a, l) => a + toCents(l.refund) - (l.exchange_for ? 0 : toCents(l.tax)), 0));

/** Why a return cannot be made, in a code and words a customer can act on. */
export type ReturnRefusal =
  | { code: 'NOT_DELIVERED'; status: Order['status'] }
  | { code: 'WINDOW_CLOSED'; window_days: number; delivered_at: string }
  | { code: 'NOT_RETURNABLE'; sku: string; category: string }
  | { code: 'NOT_ON_ORDER'; sku: string }
  | { code: 'TOO_MANY'; sku: string; returnable: number }
  | { code: 'NO_ITEMS' };

export interface ReturnRules {
  /** Null when the shop's policy is in its own words only: a person decides. */
  window_days: number | null;
  excluded_categories: readonly string[];
}

/**
 * Whether these items of this order can go back now: the order was delivered, within the window counted
 * from delivery (the order's last status change), none is of a category that cannot be returned, and no
 * more units than were bought and not returned already.
 */
export function checkReturn(input: {
  order: Order;
  items: readonly ReturnItem[];
  already: Readonly<Record<string, number>>;
  categories: Readonly<Record<string, string>>;
  rules: ReturnRules;
  now: Date;
}): ReturnRefusal | null {
  const { order, rules } = input;
  if (input.items.length === 0) return { code: 'NO_ITEMS' };
  if (order.status !== 'delivered') return { code: 'NOT_DELIVERED', status: order.status };
  if (rules.window_days !== null) {
    const closes = Date.parse(order.updated_at) + rules.window_days * 86_400_000;
    if (input.now.getTime() > closes)
      return { code: 'WINDOW_CLOSED', window_days: rules.window_days, delivered_at: order.updated_at };
  }
  const asked: Record<string, number> = {};
  for (const item of input.items) asked[item.sku] = (asked[item.sku] ?? 0) + item.quantity;
  for (const [sku, quantity] of Object.entries(asked)) {
    const line = order.items.find((l) => l.sku === sku);
    if (!line) return { code: 'NOT_ON_ORDER', sku };
    const category = input.categories[line.product_id] ?? '';
    if (rules.excluded_categories.includes(category)) return { code: 'NOT_RETURNABLE', sku, category };
    const returnable = line.quantity - (input.already[sku] ?? 0);
    if (quantity > returnable) return { code: 'TOO_MANY', sku, returnable };
  }
  return null;
}
