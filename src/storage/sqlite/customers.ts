import type { BrowsingRecord, Customer, LoyaltyTier } from '../../domain/types.js';
import type { CustomerStore } from '../ports.js';
import { json, type Db } from './database.js';
import type { Clock } from '../../domain/clock.js';

interface CustomerRow {
  user_id: string;
  name: string;
  email: string;
  loyalty_tier: string;
  loyalty_points: number;
  total_spent: number;
  preferences: string;
  past_purchases: string;
  browsing_history: string;
  lat: number | null;
  lng: number | null;
  communication_preferences: string;
  shipping_address: string | null;
  is_guest: number;
  created_at: string;
  updated_at: string;
}

export function toCustomer(row: CustomerRow): Customer {
  return {
    user_id: row.user_id,
    name: row.name,
    email: row.email,
    loyalty_tier: row.loyalty_tier as LoyaltyTier,
    loyalty_points: row.loyalty_points,
    total_spent: row.total_spent,
    preferences: json(row.preferences),
    past_purchases: json(row.past_purchases),
    browsing_history: json(row.browsing_history),
    location: row.lat === null || row.lng === null ? null : { lat: row.lat, lng: row.lng },
    communication_preferences: json(row.communication_preferences),
    shipping_address: row.shipping_address ? json(row.shipping_address) : null,
    is_guest: row.is_guest === 1,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

const toRow = (c: Customer): CustomerRow => ({
  ...c,
  preferences: JSON.stringify(c.preferences),
  past_purchases: JSON.stringify(c.past_purchases),
  browsing_history: JSON.stringify(c.browsing_history),
  lat: c.location?.lat ?? null,
  lng: c.location?.lng ?? null,
  communication_preferences: JSON.stringify(c.communication_preferences),
  shipping_address: c.shipping_address ? JSON.stringify(c.shipping_address) : null,
  is_guest: c.is_guest ? 1 : 0,
});

const COLUMNS =
  'user_id, name, email, loyalty_tier, loyalty_points, total_spent, preferences, past_purchases, browsing_history, lat, lng, communication_preferences, shipping_address, is_guest, created_at, updated_at';
const VALUES = COLUMNS.split(', ')
  .map((c) => `@${c}`)
  .join(', ');
const UPDATES = COLUMNS.split(', ')
  .filter((c) => c !== 'user_id' && c !== 'created_at')
  .map((c) => `${c} = excluded.${c}`)
  .join(', ');

export function createSqliteCustomerStore(db: Db, now: Clock): CustomerStore {
  const getStmt = db.prepare<[string], CustomerRow>('SELECT * FROM customers WHERE user_id = ?');
  const upsertStmt = db.prepare(
    `INSERT INTO customers (${COLUMNS}) VALUES (${VALUES}) ON CONFLICT (user_id) DO UPDATE SET ${UPDATES}`,
  );
  const insertIgnoreStmt = db.prepare(
    `INSERT INTO customers (${COLUMNS}) VALUES (${VALUES}) ON CONFLICT DO NOTHING`,
  );
  const historyStmt = db.prepare<[string], { browsing_history: string }>(
    'SELECT browsing_history FROM customers WHERE user_id = ?',
  );
  const setHistoryStmt = db.prepare(
    'UPDATE customers SET browsing_history = ?, updated_at = ? WHERE user_id = ?',
  );
  const listStmt = db.prepare<[number, number], CustomerRow>(
    'SELECT * FROM customers ORDER BY user_id LIMIT ? OFFSET ?',
  );
  const countStmt = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM customers');

  const recordViews = db.transaction((userId: string, views: BrowsingRecord[], keep: number) => {
    const row = historyStmt.get(userId);
    if (!row) return;
    const seen = new Set(views.map((v) => v.product_id));
    const history = [
      ...views,
      ...json<BrowsingRecord[]>(row.browsing_history).filter((v) => !seen.has(v.product_id)),
    ];
    setHistoryStmt.run(JSON.stringify(history.slice(0, keep)), now().toISOString(), userId);
  });

  return {
    async get(userId) {
      const row = getStmt.get(userId);
      return row ? toCustomer(row) : null;
    },
    async upsert(customer) {
      upsertStmt.run(toRow(customer));
    },
    async ensure(userId, guest) {
      const existing = getStmt.get(userId);
      if (existing) return toCustomer(existing);
      insertIgnoreStmt.run(toRow(guest()));
      return toCustomer(getStmt.get(userId) as CustomerRow);
    },
    async recordViews(userId, views, keep) {
      if (views.length > 0) recordViews.immediate(userId, views, keep);
    },
    async list(options = {}) {
      return listStmt.all(options.limit ?? 100, options.offset ?? 0).map(toCustomer);
    },
    async count() {
      return countStmt.get()?.n ?? 0;
    },
  };
}
