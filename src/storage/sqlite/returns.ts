import type { CreateReturnResult, ReceiveReturnResult, ReturnStore } from '../../returns/return-store.js';
import {
  LIVE_RETURN_STATUSES,
  returnedSpend,
  type ReturnRequest,
  type ReturnStatus,
} from '../../domain/returns.js';
import { reverseSale } from '../../domain/sale-credit.js';
import { ONLINE_LOCATION, type Fulfilment } from '../../domain/types.js';

import { toCustomer } from './customers.js';
import { json, type Db } from './database.js';
import { heldPointsReader } from './orders.js';

interface ReturnRow extends Omit<ReturnRequest, 'lines'> {
  lines: string;
}

const toReturn = (row: ReturnRow): ReturnRequest => ({ ...row, lines: json(row.lines) });

const LIVE = JSON.stringify(LIVE_RETURN_STATUSES);

/** Thrown inside a transaction to roll it back with a result to report. */
class Refused {
  constructor(readonly result: Exclude<CreateReturnResult, { ok: true }>) {}
}

export function createSqliteReturnStore(db: Db): ReturnStore {
  const insertStmt = db.prepare(
    `INSERT INTO returns (return_id, order_id, user_id, status, reason, lines, refund_amount, points_back,
       points_reversed, points_shortfall, instructions, rejection_reason, refund_ref, session_id, created_at,
       updated_at)
     VALUES (@return_id, @order_id, @user_id, @status, @reason, @lines, @refund_amount, @points_back,
       @points_reversed, @points_shortfall, @instructions, @rejection_reason, @refund_ref, @session_id,
       @created_at, @updated_at)`,
  );
  const linesStmt = db.prepare<[string, string], { lines: string }>(
    'SELECT lines FROM returns WHERE order_id = ? AND status IN (SELECT value FROM json_each(?))',
  );
  const fulfilmentStmt = db.prepare<[string], { fulfilment: string }>(
    'SELECT fulfilment FROM orders WHERE order_id = ?',
  );
  const takeStockStmt = db.prepare(
    'UPDATE stock SET quantity = quantity - ? WHERE sku = ? AND location_id = ? AND quantity >= ?',
  );
  const stockStmt = db.prepare<[string, string], { quantity: number }>(
    'SELECT quantity FROM stock WHERE sku = ? AND location_id = ?',
  );
  const putBackStmt = db.prepare(
    'UPDATE stock SET quantity = quantity + ? WHERE sku = ? AND location_id = ?',
  );
  const reserveStmt = db.prepare(
    `INSERT INTO stock_reservations (order_id, sku, location_id, quantity) VALUES (?, ?, ?, ?)
     ON CONFLICT DO UPDATE SET quantity = quantity + excluded.quantity`,
  );
  // Several exchanges of one order may reserve the same variant: each gives up its own units.
  const dropReservedStmt = db.prepare(
    'DELETE FROM stock_reservations WHERE quantity <= ? AND order_id = ? AND sku = ? AND location_id = ?',
  );
  const unreserveStmt = db.prepare(
    'UPDATE stock_reservations SET quantity = quantity - ? WHERE order_id = ? AND sku = ? AND location_id = ?',
  );
  const getStmt = db.prepare<[string], ReturnRow>('SELECT * FROM returns WHERE return_id = ?');
  const listStmt = db.prepare<Record<string, string | number | null>, ReturnRow>(
    `SELECT * FROM returns WHERE (@status IS NULL OR status = @status) AND (@user_id IS NULL OR user_id = @user_id)
       AND (@order_id IS NULL OR order_id = @order_id) ORDER BY created_at DESC, return_id LIMIT @limit`,
  );
  const moveStmt = db.prepare(
    `UPDATE returns SET status = @to, updated_at = @at, instructions = coalesce(@instructions, instructions),
       rejection_reason = coalesce(@rejection_reason, rejection_reason), refund_ref = coalesce(@refund_ref, refund_ref),
       refund_amount = coalesce(@refund_amount, refund_amount), points_shortfall = coalesce(@shortfall, points_shortfall)
     WHERE return_id = @return_id AND status IN (SELECT value FROM json_each(@from))`,
  );
  const customerStmt = db.prepare('SELECT * FROM customers WHERE user_id = ?');
  const heldPoints = heldPointsReader(db);
  const updateCustomerStmt = db.prepare(
    'UPDATE customers SET loyalty_points = ?, total_spent = ?, loyalty_tier = ?, updated_at = ? WHERE user_id = ?',
  );

  const locationOf = (orderId: string): string => {
    const row = fulfilmentStmt.get(orderId);
    const fulfilment = row ? json<Fulfilment>(row.fulfilment) : null;
    return fulfilment?.type === 'pickup' ? fulfilment.store_id : ONLINE_LOCATION;
  };

  const returnedUnits = (orderId: string): Record<string, number> => {
    const units: Record<string, number> = {};
    for (const row of linesStmt.all(orderId, LIVE))
      for (const line of json<ReturnRequest['lines']>(row.lines))
        units[line.sku] = (units[line.sku] ?? 0) + line.quantity;
    return units;
  };

  /** Gives up units reserved for a return's exchanges: back on hand, or (received) sold. */
  const release = (ret: ReturnRequest, putBack: boolean) => {
    const location = locationOf(ret.order_id);
    for (const line of ret.lines) {
      if (!line.exchange_for) continue;
      const key = [ret.order_id, line.exchange_for.sku, location] as const;
      if (dropReservedStmt.run(line.quantity, ...key).changes === 0) unreserveStmt.run(line.quantity, ...key);
      if (putBack) putBackStmt.run(line.quantity, line.exchange_for.sku, location);
    }
  };

  const create = db.transaction((ret: ReturnRequest, already: Readonly<Record<string, number>>) => {
    const now = returnedUnits(ret.order_id);
    const skus = new Set([...Object.keys(now), ...Object.keys(already)]);
    for (const sku of skus)
      if ((now[sku] ?? 0) !== (already[sku] ?? 0)) throw new Refused({ ok: false, reason: 'CHANGED' });
    const location = locationOf(ret.order_id);
    for (const line of ret.lines) {
      const wanted = line.exchange_for?.sku;
      if (!wanted) continue;
      if (takeStockStmt.run(line.quantity, wanted, location, line.quantity).changes === 0) {
        const available = stockStmt.get(wanted, location)?.quantity ?? 0;
        throw new Refused({ ok: false, reason: 'OUT_OF_STOCK', sku: wanted, available });
      }
      reserveStmt.run(ret.order_id, wanted, location, line.quantity);
    }
    insertStmt.run({ ...ret, lines: JSON.stringify(ret.lines) });
    return { ok: true as const, ret };
  });

  type Move = Omit<Parameters<ReturnStore['setStatus']>[0], 'to'> & {
    to: ReturnStatus;
    refund_amount?: number;
    shortfall?: number;
  };
  const move = (input: Move) =>
    moveStmt.run({
      return_id: input.return_id,
      to: input.to,
      from: JSON.stringify(input.from),
      at: input.at,
      instructions: input.instructions ?? null,
      rejection_reason: input.rejection_reason ?? null,
      refund_ref: input.refund_ref ?? null,
      refund_amount: input.refund_amount ?? null,
      shortfall: input.shortfall ?? null,
    }).changes === 1;

  const setStatus = db.transaction((input: Parameters<ReturnStore['setStatus']>[0]) => {
    const row = getStmt.get(input.return_id);
    if (!row || !move(input)) return null;
    if (input.to === 'rejected') release(toReturn(row), true);
    return toReturn(getStmt.get(input.return_id)!);
  });

  const receive = db.transaction((input: Parameters<ReturnStore['receive']>[0]): ReceiveReturnResult => {
    const row = getStmt.get(input.return_id);
    if (!row) return { ok: false, reason: 'NOT_FOUND' };
    const ret = toReturn(row);
    if (ret.status !== 'approved') return { ok: false, reason: 'INVALID_TRANSITION', from: ret.status };
    const location = locationOf(ret.order_id);
    if (input.restock !== false)
      for (const line of ret.lines) putBackStmt.run(line.quantity, line.sku, location);
    release(ret, false);

    const customerRow = customerStmt.get(ret.user_id) as Parameters<typeof toCustomer>[0] | undefined;
    let customer = customerRow ? toCustomer(customerRow) : null;
    let refund = ret.refund_amount;
    let shortfall = 0;
    if (customer) {
      const reversal = reverseSale({
        account: customer,
        held: heldPoints(customer.user_id),
        points_back: ret.points_back,
        points_reversed: ret.points_reversed,
        spend_reversed: returnedSpend(ret.lines),
        refund,
        program: input.program,
      });
      refund = reversal.refund;
      shortfall = reversal.points_shortfall;
      const { loyalty_points, total_spent, loyalty_tier } = reversal.account;
      updateCustomerStmt.run(loyalty_points, total_spent, loyalty_tier, input.at, customer.user_id);
      customer = { ...customer, ...reversal.account, updated_at: input.at };
    }
    move({
      return_id: ret.return_id,
      to: 'received',
      from: ['approved'],
      at: input.at,
      refund_amount: refund,
      shortfall,
    });
    return { ok: true, ret: toReturn(getStmt.get(ret.return_id)!), customer };
  });

  return {
    async create(ret, already) {
      try {
        return create.immediate(ret, already);
      } catch (error) {
        if (error instanceof Refused) return error.result;
        throw error;
      }
    },
    async returnedUnits(orderId) {
      return returnedUnits(orderId);
    },
    async get(returnId) {
      const row = getStmt.get(returnId);
      return row ? toReturn(row) : null;
    },
    async list(query) {
      return listStmt
        .all({
          status: query.status ?? null,
          user_id: query.user_id ?? null,
          order_id: query.order_id ?? null,
          limit: query.limit ?? 50,
        })
        .map(toReturn);
    },
    async setStatus(input) {
      return setStatus.immediate(input);
    },
    async receive(input) {
      return receive.immediate(input);
    },
  };
}
