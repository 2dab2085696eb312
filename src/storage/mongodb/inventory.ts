import { ONLINE_LOCATION, type SkuStock } from '../../domain/types.js';
import type { InventoryStore } from '../ports.js';
import type { Mongo } from './database.js';
import { literal, storeDoc, toStockLevel, toStore, type StockDoc, type StoreDoc } from './documents.js';

export function createMongoInventoryStore(mongo: Mongo): InventoryStore {
  const stores = mongo.db.collection<StoreDoc>('stores');
  const stock = mongo.db.collection<StockDoc>('stock');

  const levelsOf = async (productIds: readonly string[]) =>
    (
      await stock
        .find({ product_id: { $in: [...productIds] } })
        .sort({ product_id: 1, sku: 1, location_id: 1 })
        .toArray()
    ).map(toStockLevel);

  return {
    async stores() {
      return (await stores.find({}).sort({ _id: 1 }).toArray()).map(toStore);
    },
    async getStore(storeId) {
      const doc = await stores.findOne({ _id: storeId });
      return doc ? toStore(doc) : null;
    },
    async upsertStores(list) {
      if (list.length === 0) return;
      await stores.bulkWrite(
        list.map((s) => {
          const doc = storeDoc(s);
          return { replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } };
        }),
      );
    },
    async stockForProduct(productId) {
      return levelsOf([productId]);
    },
    async stockForProducts(productIds) {
      return productIds.length === 0 ? [] : levelsOf(productIds);
    },
    async skuTotals(productIds) {
      if (productIds.length === 0) return [];
      return stock
        .aggregate<SkuStock>([
          { $match: { product_id: { $in: [...productIds] } } },
          {
            $group: {
              _id: '$sku',
              product_id: { $first: '$product_id' },
              total: { $sum: '$quantity' },
              online: {
                $sum: { $cond: [{ $eq: ['$location_id', literal(ONLINE_LOCATION)] }, '$quantity', 0] },
              },
            },
          },
          { $sort: { _id: 1 } },
          { $project: { _id: 0, sku: '$_id', product_id: 1, total: 1, online: 1 } },
        ])
        .toArray();
    },
    async setStock(levels) {
      if (levels.length === 0) return;
      // The level given is what is on hand; units reserved for unpaid orders and exchanges stay reserved,
      // so what is available is the rest. Each level is one atomic update of its document, which holds
      // what is reserved beside what is available.
      await stock.bulkWrite(
        levels.map((level) => ({
          updateOne: {
            filter: { sku: level.sku, location_id: level.location_id },
            update: [
              {
                $set: {
                  product_id: literal(level.product_id),
                  quantity: {
                    $max: [
                      0,
                      {
                        $subtract: [
                          literal(Math.max(0, Math.floor(level.quantity))),
                          { $ifNull: ['$reserved', 0] },
                        ],
                      },
                    ],
                  },
                  reserved: { $ifNull: ['$reserved', 0] },
                },
              },
            ],
            upsert: true,
          },
        })),
        { ordered: false },
      );
    },
  };
}
