import type { ClientSession } from 'mongodb';
import {
  LIVE_RETURN_STATUSES,
  returnedSpend,
  type ReturnRequest,
  type ReturnStatus,
} from '../../domain/returns.js';
import type { Customer } from '../../domain/types.js';
import type { CreateReturnResult, ReceiveReturnResult, ReturnStore } from '../../returns/return-store.js';
import { Abort, txOrAbort, type Mongo } from './database.js';
import { toCustomer, type CustomerDoc } from './documents.js';
import {
  locationOf,
  returnDoc,
  sameUnits,
  toReturn,
  unitsReturned,
  type OrderDoc,
  type ReturnDoc,
} from './order-documents.js';
import { createSales } from './sales.js';
import { createUnits } from './units.js';

type Refusal = Exclude<CreateReturnResult, { ok: true }>;

/** The fields a move sets, each only when given (SQL's `coalesce(@value, value)`). */
interface MoveFields {
  instructions?: string | null;
  rejection_reason?: string | null;
  refund_ref?: string | null;
  refund_amount?: number | null;
  points_shortfall?: number | null;
}

const given = (fields: MoveFields) =>
  Object.fromEntries(Object.entries(fields).filter(([, value]) => value != null)) as Partial<
    Pick<ReturnRequest, keyof MoveFields>
  >;

/**
 * Returns and exchanges, each change a transaction (a replica set is needed): the units of an order
 * already in returns, the stock an exchange reserves and the customer's points move with the return.
 */
export function createMongoReturnStore(mongo: Mongo): ReturnStore {
  const returns = mongo.db.collection<ReturnDoc>('returns');
  const orders = mongo.db.collection<OrderDoc>('orders');
  const customers = mongo.db.collection<CustomerDoc>('customers');
  const units = createUnits(mongo);
  const sales = createSales(mongo, units);

  const locationFor = async (orderId: string, session: ClientSession) =>
    locationOf(
      (await orders.findOne({ _id: orderId }, { session, projection: { fulfilment: 1 } }))?.fulfilment,
    );

  const returnedUnits = async (orderId: string, session?: ClientSession) =>
    unitsReturned(
      await returns
        .find(
          { order_id: orderId, status: { $in: [...LIVE_RETURN_STATUSES] } },
          { projection: { lines: 1 }, ...(session ? { session } : {}) },
        )
        .toArray(),
    );

  /** Gives up units reserved for a return's exchanges: back on hand, or (received) sold. */
  const release = async (session: ClientSession, ret: ReturnRequest, putBack: boolean) => {
    const location = await locationFor(ret.order_id, session);
    for (const line of ret.lines)
      if (line.exchange_for)
        await units.release(session, ret.order_id, line.exchange_for.sku, location, line.quantity, putBack);
  };

  /** Moves a return only from one of `from`: false when it is in none of them. */
  const move = async (
    session: ClientSession,
    returnId: string,
    from: readonly ReturnStatus[],
    to: ReturnStatus,
    at: string,
    fields: MoveFields,
  ) =>
    (
      await returns.updateOne(
        { _id: returnId, status: { $in: [...from] } },
        { $set: { status: to, updated_at: at, ...given(fields) } },
        { session },
      )
    ).matchedCount === 1;

  return {
    create(ret, already) {
      return txOrAbort<CreateReturnResult, Refusal>(mongo, async (session) => {
        // Returns of one order take turns: the units they count are the ones the other just wrote.
        await mongo.touch(`returns:${ret.order_id}`, session);
        if (!sameUnits(await returnedUnits(ret.order_id, session), already))
          throw new Abort<Refusal>({ ok: false, reason: 'CHANGED' });
        const location = await locationFor(ret.order_id, session);
        for (const line of ret.lines) {
          const wanted = line.exchange_for?.sku;
          if (!wanted) continue;
          if (!(await units.reserve(session, ret.order_id, wanted, location, line.quantity))) {
            const available = await units.available(session, wanted, location);
            throw new Abort<Refusal>({ ok: false, reason: 'OUT_OF_STOCK', sku: wanted, available });
          }
        }
        await returns.insertOne(returnDoc(ret), { session });
        return { ok: true, ret };
      });
    },
    async returnedUnits(orderId) {
      return returnedUnits(orderId);
    },
    async get(returnId) {
      const doc = await returns.findOne({ _id: returnId });
      return doc ? toReturn(doc) : null;
    },
    async list(query) {
      const limit = query.limit ?? 50;
      if (limit === 0) return [];
      const docs = await returns
        .find({
          ...(query.status ? { status: query.status } : {}),
          ...(query.user_id ? { user_id: query.user_id } : {}),
          ...(query.order_id ? { order_id: query.order_id } : {}),
        })
        .sort({ created_at: -1, return_id: 1 })
        .limit(Math.max(0, limit))
        .toArray();
      return docs.map(toReturn);
    },
    setStatus(input) {
      return mongo.tx(async (session) => {
        const doc = await returns.findOne({ _id: input.return_id }, { session });
        if (!doc) return null;
        const fields = {
          instructions: input.instructions,
          rejection_reason: input.rejection_reason,
          refund_ref: input.refund_ref,
        };
        if (!(await move(session, doc._id, input.from, input.to, input.at, fields))) return null;
        if (input.to === 'rejected') await release(session, toReturn(doc), true);
        return toReturn((await returns.findOne({ _id: doc._id }, { session }))!);
      });
    },
    receive(input) {
      return txOrAbort<ReceiveReturnResult, ReceiveReturnResult>(mongo, async (session) => {
        const doc = await returns.findOne({ _id: input.return_id }, { session });
        if (!doc) return { ok: false, reason: 'NOT_FOUND' };
        const ret = toReturn(doc);
        if (ret.status !== 'approved') return { ok: false, reason: 'INVALID_TRANSITION', from: ret.status };
        // Claimed first: of two receiving at once, the second conflicts and then finds it received.
        if (!(await move(session, ret.return_id, ['approved'], 'received', input.at, {})))
          throw new Abort<ReceiveReturnResult>({ ok: false, reason: 'INVALID_TRANSITION', from: ret.status });
        const location = await locationFor(ret.order_id, session);
        if (input.restock !== false)
          for (const line of ret.lines) await units.putBack(session, line.sku, location, line.quantity);
        await release(session, ret, false);

        const found = await customers.findOne({ _id: ret.user_id }, { session });
        let customer: Customer | null = found ? toCustomer(found) : null;
        let refund = ret.refund_amount;
        let shortfall = 0;
        if (customer) {
          const done = await sales.reverse(
            session,
            customer,
            {
              points_back: ret.points_back,
              points_reversed: ret.points_reversed,
              spend_reversed: returnedSpend(ret.lines),
              refund,
              program: input.program,
            },
            input.at,
          );
          customer = done.customer;
          refund = done.reversal.refund;
          shortfall = done.reversal.points_shortfall;
        }
        await returns.updateOne(
          { _id: ret.return_id },
          { $set: { refund_amount: refund, points_shortfall: shortfall } },
          { session },
        );
        return {
          ok: true,
          ret: toReturn((await returns.findOne({ _id: ret.return_id }, { session }))!),
          customer,
        };
      });
    },
  };
}
