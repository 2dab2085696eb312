import { randomUUID } from 'node:crypto';
import type { TierRule } from '../domain/loyalty.js';
import { sumMoney } from '../domain/money.js';
import {
  checkReturn,
  quoteReturn,
  type ReturnItem,
  type ReturnLine,
  type ReturnRequest,
} from '../domain/returns.js';
import type { Order, Product } from '../domain/types.js';
import { AppError } from '../errors.js';
import type { Logger } from '../logger.js';
import { manualPayments, type PaymentProvider } from '../payments/provider.js';
import type { ShopContext } from '../shop/shop-context.js';
import type { Storage } from '../storage/ports.js';
import type { ReturnQuery } from './return-store.js';
import { refusalText, instructionsFor } from './return-text.js';
import { reverseSale } from '../domain/sale-credit.js';

/** An item to send back: a variant of the order by sku, and for an exchange the variant wanted instead. */
export interface ReturnItemInput {
  sku: string;
  quantity: number;
  /** Another colour or size of the same product, by sku or by its colour and size. */
  exchange_for?: { sku?: string; color?: string; size?: string };
}

export interface ReturnInput {
  order_id: string;
  items: readonly ReturnItemInput[];
  reason: string;
}

/** What a return would give back, before it is made (shown to the customer to confirm). */
export interface ReturnQuote {
  order: Order;
  lines: ReturnLine[];
  refund_amount: number;
  points_back: number;
  points_reversed: number;
  /**
   * Points it earned that the customer has spent since (as their balance stands now), and their worth:
   * that much comes off the refund when the items arrive, if still spent then.
   */
  points_shortfall: number;
  shortfall_amount: number;
  /** The refund less `shortfall_amount`: what would come back if the items arrived now. */
  refund_expected: number;
  /** `automatic`: the shop's rules allow it and it is approved at once; `review`: a person decides. */
  approval: 'automatic' | 'review';
  /** Units of each sku returned already, the basis of this quote. */
  already: Record<string, number>;
}

export interface ReturnServiceSettings {
  shop: ShopContext;
  tiers: readonly TierRule[];
  point_value: number;
  payments?: PaymentProvider;
  /** Tells the customer, in the conversation the return was asked for in, what became of it. */
  tell?: (sessionId: string, text: string) => Promise<unknown>;
  newReturnId?: () => string;
  logger?: Logger;
}

export interface ReturnService {
  /** What returning these items would give back; throws RETURN_NOT_ALLOWED with the reason when it cannot. */
  quote(input: ReturnInput, userId: string): Promise<ReturnQuote>;
  /** Makes the return: approved with instructions when the shop's rules allow it, else for a person to review. */
  request(
    input: ReturnInput,
    userId: string,
    actor: string,
    sessionId?: string | null,
  ): Promise<ReturnRequest>;
  get(returnId: string): Promise<ReturnRequest | null>;
  list(query: ReturnQuery): Promise<ReturnRequest[]>;
  approve(returnId: string, actor: string, instructions?: string): Promise<ReturnRequest>;
  reject(returnId: string, reason: string, actor: string): Promise<ReturnRequest>;
  /** The items arrived: restocked, points moved, and the refund sent through the payment provider. */
  /** `restock: false` keeps items not fit to sell again (damaged, faulty) off the shelves. */
  receive(
    returnId: string,
    actor: string,
    options?: { restock?: boolean },
  ): Promise<{ ret: ReturnRequest; refund: { amount: number; sent: boolean } }>;
  /** A refund made by hand (manual payments, or one the provider failed): recorded, with its reference. */
  markRefunded(returnId: string, actor: string, reference?: string): Promise<ReturnRequest>;
}

const notFound = (id: string) => new AppError('NOT_FOUND', `Return ${id} not found.`);
const orderNotFound = (id: string) => new AppError('NOT_FOUND', `Order ${id} not found.`);

export function createReturnService(
  storage: Pick<Storage, 'orders' | 'returns' | 'products' | 'audit' | 'customers'>,
  settings: ReturnServiceSettings,
): ReturnService {
  const { shop } = settings;
  const payments = settings.payments ?? manualPayments;
  const newId = settings.newReturnId ?? (() => `RET-${randomUUID().slice(0, 8).toUpperCase()}`);
  const at = () => shop.now().toISOString();
  const program = () => ({ tiers: settings.tiers, point_value: settings.point_value, digits: shop.digits });
  /** The categories of the items a return sends back, for the state they must come back in. */
  const categoriesOf = async (ret: Pick<ReturnRequest, 'lines'>) =>
    (await storage.products.getMany([...new Set(ret.lines.map((l) => l.product_id))])).map((p) => p.category);

  /** Resolves each exchange to a variant of the same product, other than the one going back. */
  function exchangeOf(item: ReturnItemInput, order: Order, products: Map<string, Product>): ReturnItem {
    const base = { sku: item.sku, quantity: item.quantity };
    if (!item.exchange_for) return base;
    const exchanges = shop.shop.exchanges;
    if (!exchanges?.allowed)
      throw new AppError(
        'RETURN_NOT_ALLOWED',
        "This shop doesn't offer exchanges; items can be returned for a refund.",
        {
          details: { reason: 'NO_EXCHANGES' },
        },
      );
    const line = order.items.find((l) => l.sku === item.sku);
    const product = line ? products.get(line.product_id) : undefined;
    const want = item.exchange_for;
    const same = (a: string | null, b: string | undefined) =>
      b === undefined || a?.toLowerCase() === b.toLowerCase();
    const variant = product?.variants.find((v) =>
      want.sku
        ? v.sku === want.sku
        : same(v.color, want.color ?? line?.color ?? undefined) &&
          same(v.size, want.size ?? line?.size ?? undefined),
    );
    if (!variant || variant.sku === item.sku)
      throw new AppError(
        'EXCHANGE_NOT_AVAILABLE',
        `${line?.name ?? item.sku} doesn't come in ${[want.color, want.size, want.sku].filter(Boolean).join(' ') || 'that variant'}${product ? `; it comes in ${product.variants.map((v) => [v.color, v.size].filter(Boolean).join(' ')).join(', ')}` : ''}.`,
        { details: { field: 'items.exchange_for' } },
      );
    return { ...base, exchange_for: { sku: variant.sku, color: variant.color, size: variant.size } };
  }

  async function quote(input: ReturnInput, userId: string): Promise<ReturnQuote> {
    const order = await storage.orders.get(input.order_id);
    if (!order || order.user_id !== userId) throw orderNotFound(input.order_id);
    const products = new Map(
      (await storage.products.getMany([...new Set(order.items.map((l) => l.product_id))])).map((p) => [
        p.product_id,
        p,
      ]),
    );
    const already = await storage.returns.returnedUnits(order.order_id);
    const rules = shop.shop.returns;
    const items = input.items.map((i) => exchangeOf(i, order, products));
    const refusal = checkReturn({
      order,
      items,
      already,
      categories: Object.fromEntries([...products.values()].map((p) => [p.product_id, p.category])),
      rules: {
        window_days: rules?.window_days ?? null,
        excluded_categories: rules?.excluded_categories ?? [],
      },
      now: shop.now(),
    });
    if (refusal)
      throw new AppError('RETURN_NOT_ALLOWED', refusalText(refusal, order, shop), {
        details: {
          reason: refusal.code,
          ...('sku' in refusal ? { field: 'items.sku', sku: refusal.sku } : {}),
        },
      });
    const lines = quoteReturn(order, items, already, {
      digits: shop.digits,
      tax_on_shipping: shop.shop.tax?.on_shipping ?? false,
    });
    const refund_amount = sumMoney(lines.map((l) => l.refund));
    const points_back = lines.reduce((a, l) => a + l.points_back, 0);
    const points_reversed = lines.reduce((a, l) => a + l.points_reversed, 0);
    // Earned points already spent can't be taken back: their worth is kept from the refund, by the rule
    // the store applies on receiving, so the customer is told now, from their balance now.
    const [customer, held] = await Promise.all([
      storage.customers.get(userId),
      storage.orders.heldPoints(userId),
    ]);
    const { points_shortfall, shortfall_amount, refund } = reverseSale({
      account: customer ?? { loyalty_points: 0, total_spent: 0, loyalty_tier: 'bronze' },
      held,
      points_back,
      points_reversed,
      spend_reversed: null,
      refund: refund_amount,
      program: program(),
    });
    return {
      order,
      lines,
      refund_amount,
      points_back,
      points_reversed,
      points_shortfall,
      shortfall_amount,
      refund_expected: refund,
      approval: rules?.window_days ? 'automatic' : 'review',
      already,
    };
  }

  async function audit(
    ret: ReturnRequest,
    actor: string,
    action: 'return.request' | 'return.status',
    extra = {},
  ) {
    await storage.audit.record({
      at: ret.updated_at,
      actor,
      user_id: ret.user_id,
      action,
      details: { return_id: ret.return_id, order_id: ret.order_id, status: ret.status, ...extra },
    });
  }

  async function tell(ret: ReturnRequest, text: string) {
    if (!ret.session_id || !settings.tell) return;
    try {
      await settings.tell(ret.session_id, text);
    } catch (error) {
      settings.logger?.warn({ err: error, return_id: ret.return_id }, 'customer not told about their return');
    }
  }

  async function move(
    returnId: string,
    change: Parameters<Storage['returns']['setStatus']>[0],
  ): Promise<ReturnRequest> {
    const moved = await storage.returns.setStatus(change);
    if (moved) return moved;
    const now = await storage.returns.get(returnId);
    if (!now) throw notFound(returnId);
    throw new AppError(
      'INVALID_TRANSITION',
      `Return ${returnId} is ${now.status}, so it cannot become ${change.to}.`,
      {
        details: { field: 'status', from: now.status },
      },
    );
  }

  const money = shop.money;

  return {
    quote,
    async request(input, userId, actor, sessionId = null) {
      // Two tries: a return made meanwhile for the same order changes which units this one takes.
      for (let attempt = 0; ; attempt++) {
        const q = await quote(input, userId);
        const now = at();
        const ret: ReturnRequest = {
          return_id: newId(),
          order_id: q.order.order_id,
          user_id: userId,
          status: q.approval === 'automatic' ? 'approved' : 'requested',
          reason: input.reason,
          lines: q.lines,
          refund_amount: q.refund_amount,
          points_back: q.points_back,
          points_reversed: q.points_reversed,
          // An estimate until the items arrive, when the balance then decides.
          points_shortfall: q.points_shortfall,
          instructions: null,
          rejection_reason: null,
          refund_ref: null,
          session_id: sessionId ?? q.order.session_id,
          created_at: now,
          updated_at: now,
        };
        if (ret.status === 'approved') ret.instructions = instructionsFor(ret, shop, await categoriesOf(ret));
        const made = await storage.returns.create(ret, q.already);
        if (made.ok) {
          await audit(made.ret, actor, 'return.request', { refund_amount: made.ret.refund_amount });
          return made.ret;
        }
        if (made.reason === 'OUT_OF_STOCK')
          throw new AppError(
            'EXCHANGE_NOT_AVAILABLE',
            `The ${q.lines.find((l) => l.exchange_for?.sku === made.sku)?.exchange_for?.size ?? 'variant'} you want instead is out of stock right now (${made.available} left); you can return it for a refund instead.`,
            { details: { field: 'items.exchange_for', sku: made.sku } },
          );
        if (attempt >= 1)
          throw new AppError(
            'CONFLICT',
            'The order changed while the return was being made; please try again.',
          );
      }
    },
    get: (id) => storage.returns.get(id),
    list: (query) => storage.returns.list(query),
    async approve(returnId, actor, instructions) {
      const current = await storage.returns.get(returnId);
      if (!current) throw notFound(returnId);
      const text = instructions ?? instructionsFor(current, shop, await categoriesOf(current));
      const ret = await move(returnId, {
        return_id: returnId,
        to: 'approved',
        from: ['requested'],
        at: at(),
        instructions: text,
      });
      await audit(ret, actor, 'return.status');
      await tell(ret, `Your return ${ret.return_id} is approved. ${text}`);
      return ret;
    },
    async reject(returnId, reason, actor) {
      const ret = await move(returnId, {
        return_id: returnId,
        to: 'rejected',
        from: ['requested', 'approved'],
        at: at(),
        rejection_reason: reason,
      });
      await audit(ret, actor, 'return.status');
      await tell(ret, `Your return ${ret.return_id} was not accepted: ${reason}`);
      return ret;
    },
    async receive(returnId, actor, options = {}) {
      const done = await storage.returns.receive({
        return_id: returnId,
        at: at(),
        restock: options.restock !== false,
        program: program(),
      });
      if (!done.ok) {
        if (done.reason === 'NOT_FOUND') throw notFound(returnId);
        throw new AppError(
          'INVALID_TRANSITION',
          `Return ${returnId} is ${done.from}, so it cannot be received.`,
          {
            details: { field: 'status', from: done.from },
          },
        );
      }
      let ret = done.ret;
      await audit(ret, actor, 'return.status', {
        restocked: options.restock !== false,
        refund_amount: ret.refund_amount,
        points_shortfall: ret.points_shortfall,
      });
      if (ret.refund_amount === 0) {
        // Nothing to send: an exchange only (or points spent since took all of it).
        const exchange = ret.lines.every((l) => l.exchange_for);
        ret = await move(returnId, {
          return_id: returnId,
          to: exchange ? 'exchanged' : 'refunded',
          from: ['received'],
          at: at(),
        });
        await tell(
          ret,
          exchange
            ? `We received your return ${ret.return_id}. The replacement is set aside for you, and the team will send it.`
            : `We received your return ${ret.return_id}. Nothing is left to refund: the points it earned had been spent.`,
        );
        return { ret, refund: { amount: 0, sent: false } };
      }
      // The refund goes out through the provider that took the payment; by hand otherwise.
      const order = await storage.orders.get(ret.order_id);
      let reference: string | null = null;
      if (order?.payment_ref && ret.refund_amount > 0) {
        try {
          reference =
            (await payments.refund(order.payment_ref, ret.refund_amount, `return-${ret.return_id}`))
              ?.reference ?? null;
        } catch (error) {
          settings.logger?.error(
            { err: error, return_id: returnId },
            'return refund not sent: send it by hand',
          );
        }
      }
      if (reference !== null) {
        ret = await move(returnId, {
          return_id: returnId,
          to: 'refunded',
          from: ['received'],
          at: at(),
          refund_ref: reference,
        });
        await audit(ret, actor, 'return.status', { refund_ref: reference });
        await tell(
          ret,
          `We received your return ${ret.return_id} and refunded ${money(ret.refund_amount)} to your original payment method.`,
        );
      } else {
        await tell(
          ret,
          `We received your return ${ret.return_id}; your refund of ${money(ret.refund_amount)} is being processed.`,
        );
      }
      return { ret, refund: { amount: ret.refund_amount, sent: reference !== null } };
    },
    async markRefunded(returnId, actor, reference) {
      const ret = await move(returnId, {
        return_id: returnId,
        to: 'refunded',
        from: ['received'],
        at: at(),
        ...(reference ? { refund_ref: reference } : {}),
      });
      await audit(ret, actor, 'return.status', { refund_ref: reference ?? null, by_hand: true });
      await tell(
        ret,
        `Your refund of ${money(ret.refund_amount)} for return ${ret.return_id} has been sent.`,
      );
      return ret;
    },
  };
}
