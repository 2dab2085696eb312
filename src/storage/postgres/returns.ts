import type { CreateReturnResult, ReceiveReturnResult, ReturnStore } from '../../returns/return-store.js';
import {
  LIVE_RETURN_STATUSES,
  returnedSpend,
  type ReturnRequest,
  type ReturnStatus,
} from '../../domain/returns.js';
import { reverseSale } from '../../domain/sale-credit.js';
import { ONLINE_LOCATION, type Fulfilment } from '../../domain/types.js';
import type { Pg, Query } from './database.js';
import {
  available,
  heldPoints,
  locationOf,
  lockCustomer,
  lockStock,
  putBack,
  Refused,
  reserve,
  saleTx,
  takeStock,
} from './sale-locks.js';

const COLUMNS = [
  'return_id',
  'order_id',
  'user_id',
  'status',
  'reason',
  'lines',
  'refund_amount',
  'points_back',
  'points_reversed',
  'points_shortfall',
  'instructions',
  'rejection_reason',
  'refund_ref',
  'session_id',
  'created_at',
  'updated_at',
] as const satisfies readonly (keyof ReturnRequest)[];
const INSERT = `INSERT INTO returns (${COLUMNS.join(', ')})
  VALUES (${COLUMNS.map((c, i) => `$${i + 1}${c === 'lines' ? '::jsonb' : ''}`).join(', ')})`;

const refuse = (result: Exclude<CreateReturnResult, { ok: true }>) => new Refused(result);

/** Where the order's units came from; `lock` holds the order until the transaction ends. */
async function locationOfOrder(q: Query, orderId: string, lock = false): Promise<string> {
  const [row] = await q<{ fulfilment: Fulfilment }>(
    `SELECT fulfilment FROM orders WHERE order_id = $1${lock ? ' FOR UPDATE' : ''}`,
    [orderId],
  );
  return row ? locationOf(row) : ONLINE_LOCATION;
}

async function returnedUnits(q: Query, orderId: string): Promise<Record<string, number>> {
  const units: Record<string, number> = {};
  const rows = await q<Pick<ReturnRequest, 'lines'>>(
    'SELECT lines FROM returns WHERE order_id = $1 AND status = ANY($2::text[])',
    [orderId, LIVE_RETURN_STATUSES],
  );
  for (const row of rows)
    for (const line of row.lines) units[line.sku] = (units[line.sku] ?? 0) + line.quantity;
  return units;
}

const exchangeSkus = (ret: ReturnRequest) =>
  ret.lines.flatMap((l) => (l.exchange_for ? [l.exchange_for.sku] : []));

/**
 * Gives up units reserved for a return's exchanges: back on hand, or (received) sold. The caller holds
 * the stock rows: several exchanges of one order may reserve the same variant, and each gives up its own.
 */
async function release(q: Query, ret: ReturnRequest, location: string, putBackUnits: boolean) {
  for (const line of ret.lines) {
    if (!line.exchange_for) continue;
    const key = [ret.order_id, line.exchange_for.sku, location];
    const [gone] = await q(
      'DELETE FROM stock_reservations WHERE quantity <= $1 AND order_id = $2 AND sku = $3 AND location_id = $4 RETURNING 1',
      [line.quantity, ...key],
    );
    if (!gone)
      await q(
        'UPDATE stock_reservations SET quantity = quantity - $1 WHERE order_id = $2 AND sku = $3 AND location_id = $4',
        [line.quantity, ...key],
      );
    if (putBackUnits) await putBack(q, line.exchange_for.sku, location, line.quantity);
  }
}

async function create(
  q: Query,
  ret: ReturnRequest,
  already: Readonly<Record<string, number>>,
): Promise<CreateReturnResult> {
  // The order is locked first: of returns racing for its units, each counts those the one before took.
  const location = await locationOfOrder(q, ret.order_id, true);
  const now = await returnedUnits(q, ret.order_id);
  const skus = new Set([...Object.keys(now), ...Object.keys(already)]);
  for (const sku of skus)
    if ((now[sku] ?? 0) !== (already[sku] ?? 0)) throw refuse({ ok: false, reason: 'CHANGED' });
  await lockStock(q, location, exchangeSkus(ret));
  for (const line of ret.lines) {
    const wanted = line.exchange_for?.sku;
    if (!wanted) continue;
    if (!(await takeStock(q, wanted, location, line.quantity))) {
      const left = await available(q, wanted, location);
      throw refuse({ ok: false, reason: 'OUT_OF_STOCK', sku: wanted, available: left });
    }
    await reserve(q, ret.order_id, wanted, location, line.quantity);
  }
  await q(
    INSERT,
    COLUMNS.map((c) => (c === 'lines' ? JSON.stringify(ret.lines) : ret[c])),
  );
  return { ok: true, ret };
}

type Move = Omit<Parameters<ReturnStore['setStatus']>[0], 'to'> & {
  to: ReturnStatus;
  refund_amount?: number;
  shortfall?: number;
};

/** Moves a return only from one of `input.from`; the return as it now stands, or undefined. */
async function move(q: Query, input: Move): Promise<ReturnRequest | undefined> {
  const [row] = await q<ReturnRequest>(
    `UPDATE returns SET status = $2, updated_at = $4, instructions = coalesce($5, instructions),
       rejection_reason = coalesce($6, rejection_reason), refund_ref = coalesce($7, refund_ref),
       refund_amount = coalesce($8, refund_amount), points_shortfall = coalesce($9, points_shortfall)
     WHERE return_id = $1 AND status = ANY($3::text[]) RETURNING *`,
    [
      input.return_id,
      input.to,
      input.from,
      input.at,
      input.instructions ?? null,
      input.rejection_reason ?? null,
      input.refund_ref ?? null,
      input.refund_amount ?? null,
      input.shortfall ?? null,
    ],
  );
  return row;
}

const lockReturn = async (q: Query, returnId: string) =>
  (await q<ReturnRequest>('SELECT * FROM returns WHERE return_id = $1 FOR UPDATE', [returnId]))[0];

async function setStatus(q: Query, input: Parameters<ReturnStore['setStatus']>[0]) {
  const ret = await lockReturn(q, input.return_id);
  if (!ret) return null;
  const moved = await move(q, input);
  if (!moved) return null;
  if (input.to === 'rejected') {
    const location = await locationOfOrder(q, ret.order_id);
    await lockStock(q, location, exchangeSkus(ret));
    await release(q, ret, location, true);
  }
  return moved;
}

async function receive(q: Query, input: Parameters<ReturnStore['receive']>[0]): Promise<ReceiveReturnResult> {
  const ret = await lockReturn(q, input.return_id);
  if (!ret) return { ok: false, reason: 'NOT_FOUND' };
  if (ret.status !== 'approved') return { ok: false, reason: 'INVALID_TRANSITION', from: ret.status };
  // The customer before the stock rows, in the order every sale takes its locks.
  let customer = await lockCustomer(q, ret.user_id);
  const location = await locationOfOrder(q, ret.order_id);
  await lockStock(q, location, [...ret.lines.map((l) => l.sku), ...exchangeSkus(ret)]);
  if (input.restock !== false)
    for (const line of ret.lines) await putBack(q, line.sku, location, line.quantity);
  await release(q, ret, location, false);

  let refund = ret.refund_amount;
  let shortfall = 0;
  if (customer) {
    const reversal = reverseSale({
      account: customer,
      held: await heldPoints(q, customer.user_id),
      points_back: ret.points_back,
      points_reversed: ret.points_reversed,
      spend_reversed: returnedSpend(ret.lines),
      refund,
      program: input.program,
    });
    refund = reversal.refund;
    shortfall = reversal.points_shortfall;
    const { loyalty_points, total_spent, loyalty_tier } = reversal.account;
    await q(
      'UPDATE customers SET loyalty_points = $1, total_spent = $2, loyalty_tier = $3, updated_at = $4 WHERE user_id = $5',
      [loyalty_points, total_spent, loyalty_tier, input.at, customer.user_id],
    );
    customer = { ...customer, ...reversal.account, updated_at: input.at };
  }
  const received = await move(q, {
    return_id: ret.return_id,
    to: 'received',
    from: ['approved'],
    at: input.at,
    refund_amount: refund,
    shortfall,
  });
  return { ok: true, ret: received!, customer };
}

export function createPgReturnStore(pg: Pg): ReturnStore {
  return {
    async create(ret, already) {
      return saleTx(pg, (q) => create(q, ret, already));
    },
    async returnedUnits(orderId) {
      return returnedUnits(pg.query, orderId);
    },
    async get(returnId) {
      const [row] = await pg.query<ReturnRequest>('SELECT * FROM returns WHERE return_id = $1', [returnId]);
      return row ?? null;
    },
    async list(query) {
      return pg.query<ReturnRequest>(
        `SELECT * FROM returns WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR user_id = $2)
           AND ($3::text IS NULL OR order_id = $3) ORDER BY created_at DESC, return_id LIMIT $4`,
        [query.status ?? null, query.user_id ?? null, query.order_id ?? null, query.limit ?? 50],
      );
    },
    async setStatus(input) {
      return pg.tx((q) => setStatus(q, input));
    },
    async receive(input) {
      return pg.tx((q) => receive(q, input));
    },
  };
}
