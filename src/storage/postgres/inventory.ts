import type { SkuStock, StockLevel, Store } from '../../domain/types.js';
import type { InventoryStore } from '../ports.js';
import type { Pg } from './database.js';

interface StoreRow {
  store_id: string;
  name: string;
  address: string;
  city: string;
  lat: number;
  lng: number;
  same_day_delivery: boolean;
  opening_hours: string;
}

const toStore = (r: StoreRow): Store => ({
  store_id: r.store_id,
  name: r.name,
  address: r.address,
  city: r.city,
  location: { lat: r.lat, lng: r.lng },
  same_day_delivery: r.same_day_delivery,
  opening_hours: r.opening_hours,
});

export function createPgInventoryStore(pg: Pg): InventoryStore {
  const stock = (productIds: readonly string[]) =>
    pg.query<StockLevel>(
      'SELECT sku, product_id, location_id, quantity FROM stock WHERE product_id = ANY($1::text[])',
      [productIds],
    );

  return {
    async stores() {
      return (await pg.query<StoreRow>('SELECT * FROM stores ORDER BY store_id COLLATE "C"')).map(toStore);
    },
    async getStore(storeId) {
      const [row] = await pg.query<StoreRow>('SELECT * FROM stores WHERE store_id = $1', [storeId]);
      return row ? toStore(row) : null;
    },
    async upsertStores(stores) {
      if (stores.length === 0) return;
      await pg.query(
        `INSERT INTO stores (store_id, name, address, city, lat, lng, same_day_delivery, opening_hours)
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[],
           $7::boolean[], $8::text[])
         ON CONFLICT (store_id) DO UPDATE SET name = excluded.name, address = excluded.address,
           city = excluded.city, lat = excluded.lat, lng = excluded.lng,
           same_day_delivery = excluded.same_day_delivery, opening_hours = excluded.opening_hours`,
        [
          stores.map((s) => s.store_id),
          stores.map((s) => s.name),
          stores.map((s) => s.address),
          stores.map((s) => s.city),
          stores.map((s) => s.location.lat),
          stores.map((s) => s.location.lng),
          stores.map((s) => s.same_day_delivery),
          stores.map((s) => s.opening_hours),
        ],
      );
    },
    async stockForProduct(productId) {
      return stock([productId]);
    },
    async stockForProducts(productIds) {
      return productIds.length === 0 ? [] : stock(productIds);
    },
    async skuTotals(productIds) {
      if (productIds.length === 0) return [];
      return pg.query<SkuStock>(
        `SELECT sku, min(product_id) AS product_id, sum(quantity) AS total,
           sum(CASE WHEN location_id = 'online' THEN quantity ELSE 0 END) AS online
         FROM stock WHERE product_id = ANY($1::text[]) GROUP BY sku`,
        [productIds],
      );
    },
    async setStock(levels) {
      if (levels.length === 0) return;
      // One transaction, so the levels land together. The level given is what is on hand; units reserved
      // for unpaid orders stay reserved, so what is available is the rest. A level named twice keeps the
      // last, as applying them in turn would.
      const last = new Map(levels.map((l) => [JSON.stringify([l.sku, l.location_id]), l]));
      const rows = [...last.values()];
      const params = [
        rows.map((l) => l.sku),
        rows.map((l) => l.location_id),
        rows.map((l) => l.product_id),
        rows.map((l) => Math.max(0, Math.floor(l.quantity))),
      ];
      await pg.tx(async (query) => {
        // The rows are locked first, in the order checkouts lock them: a checkout reserving units meanwhile
        // has committed by the time the level is written, so its reservation is counted (a single statement
        // would subtract the reservations it saw before waiting for the row, and overcount the stock).
        await query(
          `SELECT 1 FROM stock s JOIN unnest($1::text[], $2::text[]) AS l (sku, location_id)
             ON s.sku = l.sku AND s.location_id = l.location_id
           ORDER BY s.sku, s.location_id FOR UPDATE OF s`,
          params.slice(0, 2),
        );
        await query(
          `INSERT INTO stock (sku, location_id, product_id, quantity)
           SELECT l.sku, l.location_id, l.product_id, greatest(0, l.quantity - coalesce((
             SELECT sum(r.quantity) FROM stock_reservations r WHERE r.sku = l.sku AND r.location_id = l.location_id), 0))
           FROM unnest($1::text[], $2::text[], $3::text[], $4::int[]) AS l (sku, location_id, product_id, quantity)
           ORDER BY l.sku, l.location_id
           ON CONFLICT (sku, location_id) DO UPDATE SET quantity = excluded.quantity, product_id = excluded.product_id`,
          params,
        );
      });
    },
  };
}
