import type { Db, IndexDescription } from 'mongodb';

/**
 * Every collection the stores use, with its indexes: the MongoDB counterpart of SQLite's schema. Made when
 * the storage opens, every time: creating a collection that exists is ignored and `createIndexes` with an
 * index as it stands is a no-op, so instances starting together (or a restart) change nothing. An index
 * whose definition changes needs a new name; the old one is dropped by hand.
 *
 * Unique indexes are what make claims exactly-once: an inbound channel message, a payment event, a
 * sender's conversation, one rating per conversation, a saved product. LangGraph's checkpointer keeps its
 * own `checkpoints` and `checkpoint_writes` collections in the same database.
 */
export const COLLECTIONS: Readonly<Record<string, readonly IndexDescription[]>> = {
  customers: [],
  products: [
    {
      name: 'products_text',
      key: { name: 'text', brand: 'text', category: 'text', tags: 'text', description: 'text' },
      // Relevance with a word in the name counting most, then brand, category, tags and description.
      weights: { name: 5, brand: 4, category: 3, tags: 2, description: 1 },
      default_language: 'english',
    },
    { name: 'products_ranking', key: { is_featured: -1, popularity: -1 } },
    { name: 'products_category_ranking', key: { category: 1, is_featured: -1, popularity: -1 } },
    { name: 'products_category_price', key: { category: 1, price: 1 } },
    { name: 'products_brand', key: { brand_key: 1 } },
    { name: 'products_status_name', key: { status: 1, name: 1 } },
    // A sku belongs to one product (SQLite's primary key on product_variants); products without variants
    // hold no key, so they do not collide on a missing one.
    {
      name: 'products_variant_sku',
      key: { 'variants.sku': 1 },
      unique: true,
      partialFilterExpression: { 'variants.sku': { $exists: true } },
    },
  ],
  stores: [],
  stock: [
    { name: 'stock_key', key: { sku: 1, location_id: 1 }, unique: true },
    { name: 'stock_product', key: { product_id: 1, quantity: 1 } },
  ],
  stock_reservations: [
    { name: 'stock_reservations_key', key: { order_id: 1, sku: 1, location_id: 1 }, unique: true },
    { name: 'stock_reservations_sku', key: { sku: 1, location_id: 1 } },
  ],
  carts: [],
  orders: [
    { name: 'orders_user', key: { user_id: 1, created_at: -1 } },
    { name: 'orders_status', key: { status: 1, expires_at: 1 } },
    { name: 'orders_status_created', key: { status: 1, created_at: -1 } },
    { name: 'orders_created', key: { created_at: 1 } },
    // The orders placed in a conversation, for analytics' funnel (looked up per conversation, by day).
    { name: 'orders_session', key: { session_id: 1, created_at: 1 } },
  ],
  payment_events: [],
  returns: [
    { name: 'returns_order', key: { order_id: 1 } },
    { name: 'returns_user', key: { user_id: 1, created_at: -1 } },
    { name: 'returns_status', key: { status: 1, created_at: -1 } },
    { name: 'returns_created', key: { created_at: -1, return_id: 1 } },
  ],
  conversations: [
    { name: 'conversations_user', key: { user_id: 1, updated_at: -1 } },
    { name: 'conversations_status', key: { status: 1, status_at: 1 } },
    { name: 'conversations_updated', key: { updated_at: -1 } },
  ],
  conversation_messages: [
    { name: 'conversation_messages_id', key: { id: 1 }, unique: true },
    { name: 'conversation_messages_session', key: { session_id: 1, id: 1 } },
    { name: 'conversation_messages_turns', key: { role: 1, timestamp: 1 } },
  ],
  conversation_events: [
    { name: 'conversation_events_id', key: { id: 1 }, unique: true },
    { name: 'conversation_events_session', key: { session_id: 1, id: 1 } },
    { name: 'conversation_events_operators', key: { for_operators: 1, id: 1 } },
    { name: 'conversation_events_type', key: { type: 1, at: 1 } },
  ],
  audit_log: [
    { name: 'audit_log_id', key: { id: 1 }, unique: true },
    { name: 'audit_log_user', key: { user_id: 1, id: -1 } },
  ],
  channel_messages: [
    { name: 'channel_messages_key', key: { channel: 1, message_id: 1 }, unique: true },
    { name: 'channel_messages_unanswered', key: { status: 1, lease_until: 1 } },
  ],
  channel_identities: [
    { name: 'channel_identities_key', key: { kind: 1, value: 1 }, unique: true },
    { name: 'channel_identities_user', key: { user_id: 1 } },
  ],
  channel_sessions: [
    { name: 'channel_sessions_key', key: { channel: 1, sender: 1 }, unique: true },
    { name: 'channel_sessions_session', key: { session_id: 1 }, unique: true },
  ],
  identity_verifications: [
    { name: 'identity_verifications_id', key: { id: 1 }, unique: true },
    { name: 'identity_verifications_identity', key: { kind: 1, value: 1, sent_at: 1 } },
    { name: 'identity_verifications_user', key: { user_id: 1, sent_at: 1 } },
    { name: 'identity_verifications_ip', key: { ip: 1, sent_at: 1 } },
    { name: 'identity_verifications_sent', key: { sent_at: 1 } },
  ],
  feedback: [
    { name: 'feedback_id', key: { feedback_id: 1 }, unique: true },
    { name: 'feedback_seq', key: { seq: -1 }, unique: true },
    // One rating per conversation. Unlike SQLite's, a unique index here counts a missing session as a
    // value, so ratings given on no conversation are left out of it.
    {
      name: 'feedback_one_rating',
      key: { session_id: 1 },
      unique: true,
      partialFilterExpression: { source: 'rating', session_id: { $type: 'string' } },
    },
    { name: 'feedback_user', key: { user_id: 1, seq: -1 } },
    { name: 'feedback_rating', key: { rating: 1, seq: -1 } },
  ],
  wishlist: [
    { name: 'wishlist_key', key: { user_id: 1, product_id: 1 }, unique: true },
    { name: 'wishlist_user', key: { user_id: 1, saved_at: -1 } },
  ],
  /** Series of ids (`nextIds`) and the markers transactions write to conflict (`touch`). */
  counters: [],
};

/** MongoDB's code for creating a collection that exists. */
const NAMESPACE_EXISTS = 48;

/**
 * Makes the collections and indexes that are missing. Collections are made up front because a
 * transaction is the wrong place to create one (it may conflict with another instance doing the same).
 */
export async function prepareCollections(db: Db): Promise<void> {
  const existing = new Set((await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name));
  await Promise.all(
    Object.entries(COLLECTIONS).map(async ([name, indexes]) => {
      if (!existing.has(name))
        await db.createCollection(name).catch((error: unknown) => {
          if ((error as { code?: unknown }).code !== NAMESPACE_EXISTS) throw error;
        });
      if (indexes.length > 0) await db.collection(name).createIndexes([...indexes]);
    }),
  );
}
