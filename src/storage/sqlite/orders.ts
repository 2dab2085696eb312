import { tierForSpend } from '../../domain/loyalty.js';
import { fromCents, toCents } from '../../domain/money.js';
import { ONLINE_LOCATION, type Order, type PurchaseRecord } from '../../domain/types.js';
import type { OrderStore, PlaceOrderInput, PlaceOrderResult } from '../ports.js';
import { toCustomer } from './customers.js';
import { json, type Db } from './database.js';

/** Purchases kept on a customer record for personalisation; older ones live on in orders. */
const PURCHASE_HISTORY_LIMIT = 50;

interface OrderRow extends Omit<Order, 'items' | 'fulfilment'> {
  items: string;
  fulfilment: string;
}

const toOrder = (row: OrderRow): Order => ({
  ...row,
  items: json(row.items),
  fulfilment: json(row.fulfilment),
});

/** Thrown inside the transaction to roll it back with a result to report. */
class Refused {
  constructor(readonly result: Exclude<PlaceOrderResult, { ok: true }>) {}
}

export function createSqliteOrderStore(db: Db): OrderStore {
  const versionStmt = db.prepare<[string], { version: number }>(
    'SELECT version FROM carts WHERE user_id = ?',
  );
  const customerStmt = db.prepare('SELECT * FROM customers WHERE user_id = ?');
  const takeStockStmt = db.prepare(
    'UPDATE stock SET quantity = quantity - ? WHERE sku = ? AND location_id = ? AND quantity >= ?',
  );
  const stockStmt = db.prepare<[string, string], { quantity: number }>(
    'SELECT quantity FROM stock WHERE sku = ? AND location_id = ?',
  );
  const insertStmt = db.prepare(
    `INSERT INTO orders (order_id, user_id, status, loyalty_tier, fulfilment, items, subtotal, tier_discount_rate,
       tier_discount, points_redeemed, points_discount, shipping, total, points_earned, created_at)
     VALUES (@order_id, @user_id, @status, @loyalty_tier, @fulfilment, @items, @subtotal, @tier_discount_rate,
       @tier_discount, @points_redeemed, @points_discount, @shipping, @total, @points_earned, @created_at)`,
  );
  const updateCustomerStmt = db.prepare(
    `UPDATE customers SET loyalty_points = ?, total_spent = ?, loyalty_tier = ?, past_purchases = ?, updated_at = ?
     WHERE user_id = ?`,
  );
  const popularityStmt = db.prepare('UPDATE products SET popularity = popularity + ? WHERE product_id = ?');
  const productInfoStmt = db.prepare<[string], { category: string; brand: string }>(
    'SELECT category, brand FROM products WHERE product_id = ?',
  );
  const clearCartStmt = db.prepare('DELETE FROM cart_items WHERE user_id = ?');
  const bumpCartStmt = db.prepare('UPDATE carts SET version = version + 1, updated_at = ? WHERE user_id = ?');
  const getStmt = db.prepare<[string], OrderRow>('SELECT * FROM orders WHERE order_id = ?');
  const listStmt = db.prepare<[string, number], OrderRow>(
    'SELECT * FROM orders WHERE user_id = ? ORDER BY created_at DESC LIMIT ?',
  );

  const place = db.transaction((input: PlaceOrderInput): PlaceOrderResult => {
    if ((versionStmt.get(input.user_id)?.version ?? 0) !== input.cart_version) {
      throw new Refused({ ok: false, reason: 'CART_CHANGED' });
    }
    const row = customerStmt.get(input.user_id) as Parameters<typeof toCustomer>[0] | undefined;
    if (!row) throw new Refused({ ok: false, reason: 'CART_CHANGED' });
    const customer = toCustomer(row);
    if (customer.loyalty_points < input.totals.points_redeemed) {
      throw new Refused({ ok: false, reason: 'INSUFFICIENT_POINTS', balance: customer.loyalty_points });
    }

    const location = input.fulfilment.type === 'pickup' ? input.fulfilment.store_id : ONLINE_LOCATION;
    for (const line of input.lines) {
      if (takeStockStmt.run(line.quantity, line.sku, location, line.quantity).changes === 0) {
        const available = stockStmt.get(line.sku, location)?.quantity ?? 0;
        throw new Refused({ ok: false, reason: 'OUT_OF_STOCK', sku: line.sku, available });
      }
      popularityStmt.run(line.quantity, line.product_id);
    }

    const order: Order = {
      ...input.totals,
      order_id: input.order_id,
      user_id: input.user_id,
      items: input.lines,
      status: 'pending_payment',
      fulfilment: input.fulfilment,
      loyalty_tier: input.loyalty_tier,
      created_at: input.created_at,
    };
    insertStmt.run({
      ...order,
      items: JSON.stringify(order.items),
      fulfilment: JSON.stringify(order.fulfilment),
    });

    // Spend counts what was paid for goods; shipping does not move a customer up a tier.
    const goodsPaid = toCents(order.total) - toCents(order.shipping);
    const totalSpent = fromCents(toCents(customer.total_spent) + goodsPaid);
    const points = customer.loyalty_points - order.points_redeemed + order.points_earned;
    const purchases: PurchaseRecord[] = input.lines.map((line) => {
      const info = productInfoStmt.get(line.product_id);
      return {
        product_id: line.product_id,
        name: line.name,
        category: info?.category ?? '',
        brand: info?.brand ?? '',
        price: line.unit_price,
        quantity: line.quantity,
        purchased_at: input.created_at,
      };
    });
    const history = [...purchases, ...customer.past_purchases].slice(0, PURCHASE_HISTORY_LIMIT);
    const tier = tierForSpend(totalSpent, input);
    updateCustomerStmt.run(
      points,
      totalSpent,
      tier,
      JSON.stringify(history),
      input.created_at,
      input.user_id,
    );
    clearCartStmt.run(input.user_id);
    bumpCartStmt.run(input.created_at, input.user_id);

    return {
      ok: true,
      order,
      customer: {
        ...customer,
        loyalty_points: points,
        total_spent: totalSpent,
        loyalty_tier: tier,
        past_purchases: history,
        updated_at: input.created_at,
      },
    };
  });

  return {
    async place(input) {
      try {
        return place.immediate(input);
      } catch (error) {
        if (error instanceof Refused) return error.result;
        throw error;
      }
    },
    async get(orderId) {
      const row = getStmt.get(orderId);
      return row ? toOrder(row) : null;
    },
    async listForUser(userId, limit = 20) {
      return listStmt.all(userId, limit).map(toOrder);
    },
  };
}
