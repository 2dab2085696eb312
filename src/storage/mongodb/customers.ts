import type { Clock } from '../../domain/clock.js';
import type { CustomerStore } from '../ports.js';
import { isDuplicateKey, retryDuplicate, type Mongo } from './database.js';
import { asJson, customerDoc, literal, toCustomer, type CustomerDoc } from './documents.js';

export function createMongoCustomerStore(mongo: Mongo, now: Clock): CustomerStore {
  const customers = mongo.db.collection<CustomerDoc>('customers');
  return {
    async get(userId) {
      const doc = await customers.findOne({ _id: userId });
      return doc ? toCustomer(doc) : null;
    },
    async upsert(customer) {
      // The whole record is replaced, except when it was first made.
      const { _id, user_id, created_at, ...fields } = customerDoc(customer);
      await retryDuplicate(() =>
        customers.updateOne(
          { _id },
          { $set: fields, $setOnInsert: { user_id, created_at } },
          { upsert: true },
        ),
      );
    },
    async ensure(userId, guest) {
      const existing = await customers.findOne({ _id: userId });
      if (existing) return toCustomer(existing);
      try {
        await customers.insertOne(customerDoc({ ...guest(), user_id: userId }));
      } catch (error) {
        // Made meanwhile by another caller: theirs is the one kept.
        if (!isDuplicateKey(error)) throw error;
      }
      return toCustomer((await customers.findOne({ _id: userId }))!);
    },
    async recordViews(userId, views, keep) {
      if (views.length === 0) return;
      const seen = views.map((v) => v.product_id);
      // One atomic update: the new views first, then the earlier ones not among them, the newest `keep`.
      const history =
        keep > 0
          ? {
              $slice: [
                {
                  $concatArrays: [
                    literal(asJson(views)),
                    {
                      $filter: {
                        input: { $ifNull: ['$browsing_history', []] },
                        cond: { $not: [{ $in: ['$$this.product_id', literal(seen)] }] },
                      },
                    },
                  ],
                },
                keep,
              ],
            }
          : literal([]);
      await customers.updateOne({ _id: userId }, [
        { $set: { browsing_history: history, updated_at: literal(now().toISOString()) } },
      ]);
    },
    async list(options = {}) {
      const limit = options.limit ?? 100;
      if (limit === 0) return [];
      const docs = await customers
        .find({})
        .sort({ _id: 1 })
        .skip(options.offset ?? 0)
        .limit(Math.max(0, limit))
        .toArray();
      return docs.map(toCustomer);
    },
    async count() {
      return customers.countDocuments({});
    },
  };
}
