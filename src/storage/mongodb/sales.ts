import type { ClientSession } from 'mongodb';
import { creditSale, reverseSale, type CreditProgram, type Reversal } from '../../domain/sale-credit.js';
import type { Customer, Order, PurchaseRecord } from '../../domain/types.js';
import type { OrderTransition } from '../../orders/order-store.js';
import type { Mongo } from './database.js';
import type { CustomerDoc, ProductDoc } from './documents.js';
import { locationOf, toOrder, type OrderDoc, type OrderState } from './order-documents.js';
import type { Units } from './units.js';

/** Purchases kept on a customer record for personalisation; older ones live on in orders. */
const PURCHASE_HISTORY_LIMIT = 50;

/** What a move did to stock and credit, for the order to keep; and to the customer, and what to refund. */
export interface Moved {
  state: Omit<OrderState, 'placed_from'>;
  customer: Customer | null;
  refund?: { amount: number; points_shortfall: number };
}

/**
 * Where a sale's money, points and stock move when an order is paid or taken back, and a return is
 * received: the rules of domain/sale-credit.ts applied inside the caller's transaction.
 */
export function createSales(mongo: Mongo, units: Units) {
  const customers = mongo.db.collection<CustomerDoc>('customers');
  const products = mongo.db.collection<ProductDoc>('products');

  /** Credits a paid order (see creditSale), and its purchase history and popularity. */
  async function credit(
    session: ClientSession,
    order: Order,
    customer: Customer,
    tiers: CreditProgram['tiers'],
    at: string,
  ) {
    const { account, credited } = creditSale(customer, order, tiers);
    const purchases: PurchaseRecord[] = [];
    for (const line of order.items) {
      const info = await products.findOne(
        { _id: line.product_id },
        { session, projection: { category: 1, brand: 1 } },
      );
      await products.updateOne(
        { _id: line.product_id },
        { $inc: { popularity: line.quantity } },
        { session },
      );
      purchases.push({
        product_id: line.product_id,
        name: line.name,
        category: info?.category ?? '',
        brand: info?.brand ?? '',
        price: line.unit_price,
        quantity: line.quantity,
        purchased_at: at,
      });
    }
    const history = [...purchases, ...customer.past_purchases].slice(0, PURCHASE_HISTORY_LIMIT);
    await customers.updateOne(
      { _id: customer.user_id },
      { $set: { ...account, past_purchases: history, updated_at: at } },
      { session },
    );
    return {
      customer: { ...customer, ...account, past_purchases: history, updated_at: at },
      points: credited.points,
      spend: credited.spend,
    };
  }

  /**
   * Takes a sale back (see reverseSale) and keeps the customer's new points, spend and tier; points
   * their unpaid orders other than `except` hold count as theirs.
   */
  async function reverse(
    session: ClientSession,
    customer: Customer,
    sale: Omit<Parameters<typeof reverseSale>[0], 'account' | 'held'> & { except?: string },
    at: string,
  ): Promise<{ customer: Customer; reversal: Reversal }> {
    const { except, ...taken } = sale;
    const held = await units.heldPoints(customer.user_id, except, session);
    const reversal = reverseSale({ ...taken, account: customer, held });
    await customers.updateOne(
      { _id: customer.user_id },
      { $set: { ...reversal.account, updated_at: at } },
      { session },
    );
    return { customer: { ...customer, ...reversal.account, updated_at: at }, reversal };
  }

  /**
   * What moving an order to `input.to` does besides its status: `paid` makes the reservation the sale
   * and credits the customer; `cancelled` and `expired` put the units back, return held points and
   * reverse whatever the order credited. Other moves change nothing else.
   */
  async function move(
    session: ClientSession,
    doc: OrderDoc,
    found: Customer | null,
    input: OrderTransition,
  ): Promise<Moved> {
    const order = toOrder(doc);
    let customer = found;
    const state = {
      stock_taken: doc.stock_taken,
      credited: doc.credited,
      credited_points: doc.credited_points,
      credited_spend: doc.credited_spend,
    };
    let refund: Moved['refund'];
    if (input.to === 'paid') {
      // The reservation becomes the sale.
      if (!state.stock_taken) await units.releaseAll(session, order.order_id, false);
      state.stock_taken = true;
      if (!state.credited && customer) {
        const done = await credit(session, order, customer, input.program.tiers, input.at);
        customer = done.customer;
        Object.assign(state, { credited: true, credited_points: done.points, credited_spend: done.spend });
      }
    } else if (input.to === 'cancelled' || input.to === 'expired') {
      const location = locationOf(order.fulfilment);
      if (state.stock_taken)
        for (const line of order.items) await units.putBack(session, line.sku, location, line.quantity);
      await units.releaseAll(session, order.order_id, !state.stock_taken);
      if (customer) {
        // Held points come back; what it credited goes (see reverseSale).
        const done = await reverse(
          session,
          customer,
          {
            except: order.order_id,
            points_back: order.points_redeemed,
            points_reversed: state.credited ? state.credited_points : 0,
            spend_reversed: state.credited ? state.credited_spend : null,
            refund: order.total,
            program: input.program,
          },
          input.at,
        );
        customer = done.customer;
        if (order.status !== 'pending_payment')
          refund = { amount: done.reversal.refund, points_shortfall: done.reversal.points_shortfall };
      }
      Object.assign(state, { stock_taken: false, credited: false, credited_points: 0, credited_spend: 0 });
    }
    return { state, customer, ...(refund ? { refund } : {}) };
  }

  return { move, reverse };
}
