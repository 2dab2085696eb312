import type { Clock } from '../../domain/clock.js';
import type { BrowsingRecord, Customer, LoyaltyTier } from '../../domain/types.js';
import type { CustomerStore } from '../ports.js';
import type { Pg } from './database.js';

interface CustomerRow {
  user_id: string;
  name: string;
  email: string;
  loyalty_tier: string;
  loyalty_points: number;
  total_spent: number;
  preferences: Customer['preferences'];
  past_purchases: Customer['past_purchases'];
  browsing_history: BrowsingRecord[];
  lat: number | null;
  lng: number | null;
  communication_preferences: Customer['communication_preferences'];
  shipping_address: Customer['shipping_address'];
  is_guest: boolean;
  created_at: string;
  updated_at: string;
}

export const toCustomer = (row: CustomerRow): Customer => ({
  user_id: row.user_id,
  name: row.name,
  email: row.email,
  loyalty_tier: row.loyalty_tier as LoyaltyTier,
  loyalty_points: row.loyalty_points,
  total_spent: row.total_spent,
  preferences: row.preferences,
  past_purchases: row.past_purchases,
  browsing_history: row.browsing_history,
  location: row.lat === null || row.lng === null ? null : { lat: row.lat, lng: row.lng },
  communication_preferences: row.communication_preferences,
  shipping_address: row.shipping_address ?? null,
  is_guest: row.is_guest,
  created_at: row.created_at,
  updated_at: row.updated_at,
});

/** The columns in order, with what each is written from (documents as JSON text for jsonb). */
const WRITE: [string, (c: Customer) => unknown][] = [
  ['user_id', (c) => c.user_id],
  ['name', (c) => c.name],
  ['email', (c) => c.email],
  ['loyalty_tier', (c) => c.loyalty_tier],
  ['loyalty_points', (c) => c.loyalty_points],
  ['total_spent', (c) => c.total_spent],
  ['preferences', (c) => JSON.stringify(c.preferences)],
  ['past_purchases', (c) => JSON.stringify(c.past_purchases)],
  ['browsing_history', (c) => JSON.stringify(c.browsing_history)],
  ['lat', (c) => c.location?.lat ?? null],
  ['lng', (c) => c.location?.lng ?? null],
  ['communication_preferences', (c) => JSON.stringify(c.communication_preferences)],
  ['shipping_address', (c) => (c.shipping_address ? JSON.stringify(c.shipping_address) : null)],
  ['is_guest', (c) => c.is_guest],
  ['created_at', (c) => c.created_at],
  ['updated_at', (c) => c.updated_at],
];
const COLUMNS = WRITE.map(([c]) => c).join(', ');
const VALUES = WRITE.map((_, i) => `$${i + 1}`).join(', ');
const UPDATES = WRITE.map(([c]) => c)
  .filter((c) => c !== 'user_id' && c !== 'created_at')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');
const values = (c: Customer) => WRITE.map(([, read]) => read(c));

export function createPgCustomerStore(pg: Pg, now: Clock): CustomerStore {
  const get = async (userId: string) =>
    (await pg.query<CustomerRow>('SELECT * FROM customers WHERE user_id = $1', [userId]))[0];

  return {
    async get(userId) {
      const row = await get(userId);
      return row ? toCustomer(row) : null;
    },
    async upsert(customer) {
      await pg.query(
        `INSERT INTO customers (${COLUMNS}) VALUES (${VALUES}) ON CONFLICT (user_id) DO UPDATE SET ${UPDATES}`,
        values(customer),
      );
    },
    async ensure(userId, guest) {
      const existing = await get(userId);
      if (existing) return toCustomer(existing);
      // Two first turns of one guest may race here: one inserts, the other reads what it inserted.
      const [inserted] = await pg.query<CustomerRow>(
        `INSERT INTO customers (${COLUMNS}) VALUES (${VALUES}) ON CONFLICT DO NOTHING RETURNING *`,
        values(guest()),
      );
      return toCustomer(inserted ?? ((await get(userId)) as CustomerRow));
    },
    async recordViews(userId, views, keep) {
      if (views.length === 0) return;
      await pg.tx(async (query) => {
        const [row] = await query<{ browsing_history: BrowsingRecord[] }>(
          'SELECT browsing_history FROM customers WHERE user_id = $1 FOR UPDATE',
          [userId],
        );
        if (!row) return;
        const seen = new Set(views.map((v) => v.product_id));
        const history = [...views, ...row.browsing_history.filter((v) => !seen.has(v.product_id))];
        await query('UPDATE customers SET browsing_history = $1, updated_at = $2 WHERE user_id = $3', [
          JSON.stringify(history.slice(0, keep)),
          now().toISOString(),
          userId,
        ]);
      });
    },
    async list(options = {}) {
      const rows = await pg.query<CustomerRow>(
        'SELECT * FROM customers ORDER BY user_id COLLATE "C" LIMIT $1 OFFSET $2',
        [options.limit ?? 100, options.offset ?? 0],
      );
      return rows.map(toCustomer);
    },
    async count() {
      return (await pg.query<{ n: number }>('SELECT count(*) AS n FROM customers'))[0]?.n ?? 0;
    },
  };
}
