import { ONLINE_LOCATION, type Customer, type Fulfilment } from '../../domain/types.js';
import { toCustomer } from './customers.js';
import type { Pg, Query } from './database.js';

/*
 * The transactions where money, points and stock move (placing an order, moving it along, making and
 * receiving a return) run at READ COMMITTED: each statement sees what was committed when it began. They
 * are safe by row locks taken before the read-check-write, always in this order, so that two of them
 * never wait on each other in a circle: the cart, the order, the return, the customer, the stock rows by
 * (sku, location), then products by id (a sale's popularity). Whatever changes a stock row or a
 * reservation of its units holds the stock row's lock first, so a statement that reads reservations once
 * it holds the lock sees every change made before it. A deadlock with a writer outside this order is
 * run again by Pg.tx.
 */

/** Thrown inside a sale's transaction to roll it back, with the answer to give. */
export class Refused<R> {
  constructor(readonly result: R) {}
}

/** Runs `work` in one transaction (see Pg.tx); a Refused thrown in it rolls it back and is the answer. */
export async function saleTx<R>(pg: Pg, work: (q: Query) => Promise<R>): Promise<R> {
  try {
    return await pg.tx(work);
  } catch (error) {
    if (error instanceof Refused) return error.result as R;
    throw error;
  }
}

/** Where an order's units come from and go back to: the store it is collected from, or the warehouse. */
export const locationOf = (order: { fulfilment: Fulfilment }): string =>
  order.fulfilment.type === 'pickup' ? order.fulfilment.store_id : ONLINE_LOCATION;

/** The customer, locked until the transaction ends; null when there is none. */
export async function lockCustomer(q: Query, userId: string): Promise<Customer | null> {
  const [row] = await q<Parameters<typeof toCustomer>[0]>(
    'SELECT * FROM customers WHERE user_id = $1 FOR UPDATE',
    [userId],
  );
  return row ? toCustomer(row) : null;
}

/** Locks the stock rows of `skus` at `location`, one after another in sku order. */
export async function lockStock(q: Query, location: string, skus: Iterable<string>): Promise<void> {
  const distinct = [...new Set(skus)];
  if (distinct.length === 0) return;
  await q('SELECT 1 FROM stock WHERE location_id = $1 AND sku = ANY($2::text[]) ORDER BY sku FOR UPDATE', [
    location,
    distinct,
  ]);
}

/**
 * Points a customer's unpaid orders hold (other than `except`): still theirs, not spent (reverseSale).
 * Read, with the customer locked, by the transactions that reverse a sale.
 */
export async function heldPoints(q: Query, userId: string, except = ''): Promise<number> {
  const [row] = await q<{ held: number }>(
    `SELECT coalesce(sum(points_redeemed), 0) AS held FROM orders
     WHERE user_id = $1 AND status = 'pending_payment' AND order_id != $2`,
    [userId, except],
  );
  return row?.held ?? 0;
}

/** Units of a variant back on hand at a location. */
export const putBack = (q: Query, sku: string, location: string, quantity: number) =>
  q('UPDATE stock SET quantity = quantity + $1 WHERE sku = $2 AND location_id = $3', [
    quantity,
    sku,
    location,
  ]);

/** Takes units off what is available, only if there are as many; false when there are not. */
export async function takeStock(q: Query, sku: string, location: string, quantity: number): Promise<boolean> {
  const taken = await q(
    'UPDATE stock SET quantity = quantity - $1 WHERE sku = $2 AND location_id = $3 AND quantity >= $1 RETURNING 1',
    [quantity, sku, location],
  );
  return taken.length === 1;
}

/** Units of a variant available at a location (0 when it has no stock row there). */
export async function available(q: Query, sku: string, location: string): Promise<number> {
  const [row] = await q<{ quantity: number }>(
    'SELECT quantity FROM stock WHERE sku = $1 AND location_id = $2',
    [sku, location],
  );
  return row?.quantity ?? 0;
}

/** Sets units aside for an order (or a return's exchange of it): out of what is available. */
export const reserve = (q: Query, orderId: string, sku: string, location: string, quantity: number) =>
  q(
    `INSERT INTO stock_reservations (order_id, sku, location_id, quantity) VALUES ($1, $2, $3, $4)
     ON CONFLICT (order_id, sku, location_id) DO UPDATE SET quantity = stock_reservations.quantity + excluded.quantity`,
    [orderId, sku, location, quantity],
  );
