import type { Product } from '../../domain/types.js';
import type { ProductQuery, ProductStore } from '../ports.js';
import type { Mongo } from './database.js';
import { compare, productDoc, toProduct, type ProductDoc } from './documents.js';
import { searchPipeline, textSearch } from './text-search.js';

export function createMongoProductStore(mongo: Mongo): ProductStore {
  const products = mongo.db.collection<ProductDoc>('products');

  const run = async (query: ProductQuery, search: string | null): Promise<Product[]> => {
    const docs = await products.aggregate<ProductDoc>(searchPipeline(query, search)).toArray();
    return docs.map((d) => toProduct(d, query.with_variants ?? true));
  };

  return {
    async get(productId) {
      const doc = await products.findOne({ _id: productId });
      return doc ? toProduct(doc) : null;
    },
    async getMany(productIds) {
      if (productIds.length === 0) return [];
      const docs = await products.find({ _id: { $in: [...productIds] } }).toArray();
      const byId = new Map(docs.map((d) => [d.product_id, toProduct(d)]));
      return productIds.flatMap((id) => byId.get(id) ?? []);
    },
    async search(query) {
      const text = query.text?.trim();
      const search = text ? textSearch(text) : null;
      if (!search) return run(query, null);
      // All words first; when nothing matches every word, any word, still ranked by relevance.
      const strict = await run(query, search.all);
      return strict.length > 0 ? strict : run(query, search.any);
    },
    async upsertMany(list) {
      if (list.length === 0) return;
      // Each product holds its variants, so it is replaced whole; the batch is one transaction.
      await mongo.tx(async (session) => {
        await products.bulkWrite(
          list.map((p) => {
            const { _id, created_at, ...fields } = productDoc(p);
            return {
              updateOne: {
                filter: { _id },
                update: { $set: fields, $setOnInsert: { created_at } },
                upsert: true,
              },
            };
          }),
          { session, ordered: true },
        );
      });
    },
    async categories() {
      const groups = await products
        .aggregate<{ _id: string; count: number }>([
          { $match: { status: 'active' } },
          { $group: { _id: '$category', count: { $sum: 1 } } },
          { $sort: { _id: 1 } },
        ])
        .toArray();
      return groups.map((g) => ({ category: g._id, count: g.count }));
    },
    async brands() {
      return ((await products.distinct('brand', {})) as string[]).sort(compare);
    },
    async names() {
      return ((await products.distinct('name', { status: 'active' })) as string[]).sort(compare);
    },
    async count() {
      return products.countDocuments({});
    },
  };
}
