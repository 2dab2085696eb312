import type { SkuStock, StockLevel, Store } from '../../domain/types.js';
import type { InventoryStore } from '../ports.js';
import type { Db } from './database.js';

interface StoreRow {
  store_id: string;
  name: string;
  address: string;
  city: string;
  lat: number;
  lng: number;
  same_day_delivery: number;
  opening_hours: string;
}

const toStore = (r: StoreRow): Store => ({
  store_id: r.store_id,
  name: r.name,
  address: r.address,
  city: r.city,
  location: { lat: r.lat, lng: r.lng },
  same_day_delivery: r.same_day_delivery === 1,
  opening_hours: r.opening_hours,
});

export function createSqliteInventoryStore(db: Db): InventoryStore {
  const storesStmt = db.prepare<[], StoreRow>('SELECT * FROM stores ORDER BY store_id');
  const storeStmt = db.prepare<[string], StoreRow>('SELECT * FROM stores WHERE store_id = ?');
  const upsertStoreStmt = db.prepare(
    `INSERT INTO stores (store_id, name, address, city, lat, lng, same_day_delivery, opening_hours)
     VALUES (@store_id, @name, @address, @city, @lat, @lng, @same_day_delivery, @opening_hours)
     ON CONFLICT (store_id) DO UPDATE SET name = excluded.name, address = excluded.address, city = excluded.city,
       lat = excluded.lat, lng = excluded.lng, same_day_delivery = excluded.same_day_delivery,
       opening_hours = excluded.opening_hours`,
  );
  const stockStmt = db.prepare<[string], StockLevel>(
    'SELECT sku, product_id, location_id, quantity FROM stock WHERE product_id IN (SELECT value FROM json_each(?))',
  );
  const totalsStmt = db.prepare<[string], SkuStock>(
    `SELECT sku, product_id, SUM(quantity) AS total,
       SUM(CASE WHEN location_id = 'online' THEN quantity ELSE 0 END) AS online
     FROM stock WHERE product_id IN (SELECT value FROM json_each(?)) GROUP BY sku`,
  );
  // The level given is what is on hand; units reserved for unpaid orders stay reserved, so what is
  // available is the rest.
  const setStockStmt = db.prepare(
    `INSERT INTO stock (sku, location_id, product_id, quantity)
     VALUES (@sku, @location_id, @product_id, max(0, @quantity - (
       SELECT coalesce(sum(quantity), 0) FROM stock_reservations WHERE sku = @sku AND location_id = @location_id)))
     ON CONFLICT (sku, location_id) DO UPDATE SET quantity = excluded.quantity, product_id = excluded.product_id`,
  );

  const upsertStores = db.transaction((stores: readonly Store[]) => {
    for (const s of stores) {
      upsertStoreStmt.run({
        ...s,
        lat: s.location.lat,
        lng: s.location.lng,
        same_day_delivery: s.same_day_delivery ? 1 : 0,
      });
    }
  });
  const setStock = db.transaction((levels: readonly StockLevel[]) => {
    for (const level of levels)
      setStockStmt.run({ ...level, quantity: Math.max(0, Math.floor(level.quantity)) });
  });

  return {
    async stores() {
      return storesStmt.all().map(toStore);
    },
    async getStore(storeId) {
      const row = storeStmt.get(storeId);
      return row ? toStore(row) : null;
    },
    async upsertStores(stores) {
      upsertStores.immediate(stores);
    },
    async stockForProduct(productId) {
      return stockStmt.all(JSON.stringify([productId]));
    },
    async stockForProducts(productIds) {
      return productIds.length === 0 ? [] : stockStmt.all(JSON.stringify(productIds));
    },
    async skuTotals(productIds) {
      return productIds.length === 0 ? [] : totalsStmt.all(JSON.stringify(productIds));
    },
    async setStock(levels) {
      setStock.immediate(levels);
    },
  };
}
