/**
 * Gives channel conversations named after the phone number or chat id (`whatsapp-15551234567`) random
 * ids, recording each move in `session_renames` for the checkpoint migration.
 */
export const RENAME_CHANNEL_SESSIONS = `
  INSERT INTO session_renames (old_id, new_id)
    SELECT session_id, channel || '-' || lower(hex(randomblob(12))) FROM conversations
    WHERE channel IN ('whatsapp', 'telegram', 'sms') AND substr(session_id, 1, length(channel) + 1) = channel || '-'
      AND session_id NOT IN (SELECT session_id FROM channel_sessions);
  INSERT INTO channel_sessions (channel, sender, session_id, created_at)
    SELECT c.channel, substr(c.session_id, length(c.channel) + 2), r.new_id, c.created_at
    FROM conversations c JOIN session_renames r ON r.old_id = c.session_id;
  PRAGMA defer_foreign_keys = ON;
  UPDATE conversations SET session_id = (SELECT new_id FROM session_renames WHERE old_id = session_id)
    WHERE session_id IN (SELECT old_id FROM session_renames);
  UPDATE conversation_messages SET session_id = (SELECT new_id FROM session_renames WHERE old_id = session_id)
    WHERE session_id IN (SELECT old_id FROM session_renames);
`;

/**
 * The schema as earlier versions built it, one step at a time, the database's `user_version` counting the
 * steps applied. Frozen: migration 0001 (migrations.ts) runs the steps a database still lacks, so a new
 * database gets today's schema and one left by any earlier version catches up with its data kept. Later
 * changes are new migrations there, never steps here.
 */
export const LEGACY_STEPS: readonly string[] = [
  `
  CREATE TABLE customers (
    user_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    loyalty_tier TEXT NOT NULL,
    loyalty_points INTEGER NOT NULL DEFAULT 0 CHECK (loyalty_points >= 0),
    total_spent REAL NOT NULL DEFAULT 0,
    preferences TEXT NOT NULL DEFAULT '{}',
    past_purchases TEXT NOT NULL DEFAULT '[]',
    browsing_history TEXT NOT NULL DEFAULT '[]',
    lat REAL,
    lng REAL,
    communication_preferences TEXT NOT NULL DEFAULT '{}',
    is_guest INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE products (
    product_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL,
    price REAL NOT NULL CHECK (price >= 0),
    category TEXT NOT NULL,
    brand TEXT NOT NULL,
    status TEXT NOT NULL,
    is_featured INTEGER NOT NULL DEFAULT 0,
    image_url TEXT NOT NULL DEFAULT '',
    tags TEXT NOT NULL DEFAULT '[]',
    attributes TEXT NOT NULL DEFAULT '{}',
    rating REAL NOT NULL DEFAULT 0,
    popularity INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX products_category_price ON products (category, price);
  CREATE INDEX products_ranking ON products (is_featured DESC, popularity DESC);
  CREATE INDEX products_brand ON products (brand COLLATE NOCASE);

  CREATE TABLE product_variants (
    sku TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES products (product_id) ON DELETE CASCADE,
    color TEXT,
    size TEXT,
    position INTEGER NOT NULL
  );
  CREATE INDEX product_variants_product ON product_variants (product_id);

  CREATE VIRTUAL TABLE products_fts USING fts5 (
    name, brand, category, description, tags,
    content = 'products', content_rowid = 'rowid',
    tokenize = 'porter unicode61 remove_diacritics 2'
  );
  CREATE TRIGGER products_fts_insert AFTER INSERT ON products BEGIN
    INSERT INTO products_fts (rowid, name, brand, category, description, tags)
    VALUES (new.rowid, new.name, new.brand, new.category, new.description, new.tags);
  END;
  CREATE TRIGGER products_fts_delete AFTER DELETE ON products BEGIN
    INSERT INTO products_fts (products_fts, rowid, name, brand, category, description, tags)
    VALUES ('delete', old.rowid, old.name, old.brand, old.category, old.description, old.tags);
  END;
  CREATE TRIGGER products_fts_update AFTER UPDATE OF name, brand, category, description, tags ON products BEGIN
    INSERT INTO products_fts (products_fts, rowid, name, brand, category, description, tags)
    VALUES ('delete', old.rowid, old.name, old.brand, old.category, old.description, old.tags);
    INSERT INTO products_fts (rowid, name, brand, category, description, tags)
    VALUES (new.rowid, new.name, new.brand, new.category, new.description, new.tags);
  END;

  CREATE TABLE stores (
    store_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    city TEXT NOT NULL,
    lat REAL NOT NULL,
    lng REAL NOT NULL,
    same_day_delivery INTEGER NOT NULL DEFAULT 0,
    opening_hours TEXT NOT NULL DEFAULT ''
  );

  CREATE TABLE stock (
    sku TEXT NOT NULL,
    location_id TEXT NOT NULL,
    product_id TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity >= 0),
    PRIMARY KEY (sku, location_id)
  );
  CREATE INDEX stock_product ON stock (product_id, quantity);

  CREATE TABLE carts (
    user_id TEXT PRIMARY KEY,
    version INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
  );
  CREATE TABLE cart_items (
    user_id TEXT NOT NULL,
    sku TEXT NOT NULL,
    product_id TEXT NOT NULL,
    name TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    price REAL NOT NULL,
    color TEXT,
    size TEXT,
    added_at TEXT NOT NULL,
    PRIMARY KEY (user_id, sku)
  );

  CREATE TABLE orders (
    order_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    status TEXT NOT NULL,
    loyalty_tier TEXT NOT NULL,
    fulfilment TEXT NOT NULL,
    items TEXT NOT NULL,
    subtotal REAL NOT NULL,
    tier_discount_rate REAL NOT NULL,
    tier_discount REAL NOT NULL,
    points_redeemed INTEGER NOT NULL,
    points_discount REAL NOT NULL,
    shipping REAL NOT NULL,
    total REAL NOT NULL,
    points_earned INTEGER NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX orders_user ON orders (user_id, created_at DESC);

  CREATE TABLE conversations (
    session_id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    channel TEXT NOT NULL,
    metadata TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX conversations_user ON conversations (user_id, updated_at DESC);
  CREATE TABLE conversation_messages (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL REFERENCES conversations (session_id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    content TEXT NOT NULL,
    timestamp TEXT NOT NULL,
    agent_name TEXT,
    metadata TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX conversation_messages_session ON conversation_messages (session_id, id);
  `,
  // Browsing a category walks products in ranking order and stops once enough pass the filters.
  `CREATE INDEX products_category_ranking ON products (category, is_featured DESC, popularity DESC);`,
  `
  CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    user_id TEXT NOT NULL,
    action TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_log_user ON audit_log (user_id, id DESC);
  `,
  `
  CREATE TABLE channel_messages (
    channel TEXT NOT NULL,
    message_id TEXT NOT NULL,
    received_at TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'received',
    PRIMARY KEY (channel, message_id)
  );
  CREATE TABLE channel_identities (
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    user_id TEXT NOT NULL,
    linked_at TEXT NOT NULL,
    PRIMARY KEY (kind, value)
  );
  CREATE INDEX channel_identities_user ON channel_identities (user_id);
  `,
  `ALTER TABLE customers ADD COLUMN shipping_address TEXT;`,
  // Conversations on WhatsApp, Telegram and SMS were named after the phone number or chat id, so anyone
  // could guess (or take) them. They get random ids; `session_renames` tells the checkpoint migration
  // (LangGraph's own tables) which thread moved where, and is emptied once it has.
  `
  CREATE TABLE channel_sessions (
    channel TEXT NOT NULL,
    sender TEXT NOT NULL,
    session_id TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (channel, sender)
  );
  CREATE TABLE session_renames (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL UNIQUE);
  ${RENAME_CHANNEL_SESSIONS}
  `,
  `
  CREATE TABLE identity_verifications (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    tries INTEGER NOT NULL DEFAULT 0,
    used INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX identity_verifications_identity ON identity_verifications (kind, value, sent_at);
  CREATE INDEX identity_verifications_user ON identity_verifications (user_id, sent_at);
  `,
  // Inbound channel messages are kept, with a lease, until answered, so a process that dies leaves
  // nothing acknowledged and unanswered. Earlier versions kept only the id: an unanswered one of theirs
  // cannot be answered now, and says so.
  `
  ALTER TABLE channel_messages ADD COLUMN payload TEXT;
  ALTER TABLE channel_messages ADD COLUMN lease_owner TEXT;
  ALTER TABLE channel_messages ADD COLUMN lease_until TEXT;
  UPDATE channel_messages SET status = 'lost' WHERE status = 'received';
  CREATE INDEX channel_messages_unanswered ON channel_messages (status, lease_until) WHERE status IN ('received', 'sending');
  `,
  // The order lifecycle: an unpaid order reserves its units and holds the points it redeems; paying
  // consumes the reservation and credits points, spend and tier. Orders from earlier versions took their
  // stock and credited everything when placed: that is recorded, so reversing one undoes exactly that.
  `
  ALTER TABLE orders ADD COLUMN expires_at TEXT;
  ALTER TABLE orders ADD COLUMN updated_at TEXT;
  ALTER TABLE orders ADD COLUMN carrier TEXT;
  ALTER TABLE orders ADD COLUMN tracking_number TEXT;
  ALTER TABLE orders ADD COLUMN refund_amount REAL;
  ALTER TABLE orders ADD COLUMN stock_taken INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE orders ADD COLUMN credited INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE orders ADD COLUMN credited_points INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE orders ADD COLUMN credited_spend REAL NOT NULL DEFAULT 0;
  UPDATE orders SET stock_taken = 1, credited = 1, credited_points = points_earned,
    credited_spend = round(total - shipping, 2), updated_at = created_at;
  CREATE INDEX orders_status ON orders (status, expires_at);
  CREATE TABLE stock_reservations (
    order_id TEXT NOT NULL REFERENCES orders (order_id),
    sku TEXT NOT NULL,
    location_id TEXT NOT NULL,
    quantity INTEGER NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, sku, location_id)
  );
  CREATE INDEX stock_reservations_sku ON stock_reservations (sku, location_id);
  ALTER TABLE orders ADD COLUMN payment_ref TEXT;
  CREATE TABLE payment_events (event_id TEXT PRIMARY KEY, received_at TEXT NOT NULL);
  `,
  // Orders keep the tax a shop adds on top of its prices (0 for tax-inclusive prices), the conversation
  // they were placed in (to tell the customer what happens to them later), and their payment page.
  `
  ALTER TABLE orders ADD COLUMN tax REAL NOT NULL DEFAULT 0;
  ALTER TABLE orders ADD COLUMN session_id TEXT;
  ALTER TABLE orders ADD COLUMN payment_url TEXT;
  `,
  // Human handoff: who answers each conversation, since when, and why a person was asked for.
  `
  ALTER TABLE conversations ADD COLUMN status TEXT NOT NULL DEFAULT 'bot';
  ALTER TABLE conversations ADD COLUMN status_at TEXT;
  ALTER TABLE conversations ADD COLUMN operator TEXT;
  ALTER TABLE conversations ADD COLUMN handoff_reason TEXT;
  CREATE INDEX conversations_status ON conversations (status, status_at);
  CREATE TABLE conversation_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    session_id TEXT NOT NULL,
    type TEXT NOT NULL,
    data TEXT NOT NULL,
    at TEXT NOT NULL,
    -- 1 when operators should see it: a status change, or a message while a person was wanted
    for_operators INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX conversation_events_operators ON conversation_events (for_operators, id);
  CREATE INDEX conversation_events_session ON conversation_events (session_id, id);
  `,
  // A handoff nobody took in time becomes a ticket: the customer was told and may leave a message.
  `
  ALTER TABLE conversations ADD COLUMN ticket_at TEXT;
  `,
  // Returns and exchanges. Units of an exchange's new variant are reserved under the order they replace
  // part of (stock_reservations), so restocks keep them aside like any reservation.
  `
  CREATE TABLE returns (
    return_id TEXT PRIMARY KEY,
    order_id TEXT NOT NULL REFERENCES orders (order_id),
    user_id TEXT NOT NULL,
    status TEXT NOT NULL,
    reason TEXT NOT NULL,
    lines TEXT NOT NULL,
    refund_amount REAL NOT NULL,
    points_back INTEGER NOT NULL,
    points_reversed INTEGER NOT NULL,
    points_shortfall INTEGER NOT NULL DEFAULT 0,
    instructions TEXT,
    rejection_reason TEXT,
    refund_ref TEXT,
    session_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  CREATE INDEX returns_order ON returns (order_id);
  CREATE INDEX returns_user ON returns (user_id, created_at);
  CREATE INDEX returns_status ON returns (status, created_at);
  `,
  // What customers thought: said in a conversation, or a rating given on one.
  `
  CREATE TABLE feedback (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    feedback_id TEXT NOT NULL UNIQUE,
    user_id TEXT NOT NULL,
    session_id TEXT,
    channel TEXT NOT NULL,
    source TEXT NOT NULL,
    rating INTEGER,
    text TEXT,
    created_at TEXT NOT NULL
  );
  CREATE INDEX feedback_user ON feedback (user_id, seq);
  CREATE INDEX feedback_rating ON feedback (rating, seq);
  `,
  // One rating per conversation: rating it again replaces the earlier one.
  `
  CREATE UNIQUE INDEX feedback_one_rating ON feedback (session_id) WHERE source = 'rating';
  `,
  // The checkout an order's payment page belongs to: a payment through another one does not pay it.
  `
  ALTER TABLE orders ADD COLUMN payment_checkout TEXT;
  `,
  // A points balance may go below zero: points earned on an order taken back that the customer's unpaid
  // orders hold are theirs, not spent (domain/sale-credit.ts). SQLite can't drop a CHECK, so the table is
  // copied without it; nothing references it.
  `
  CREATE TABLE customers_new (
    user_id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    loyalty_tier TEXT NOT NULL,
    loyalty_points INTEGER NOT NULL DEFAULT 0,
    total_spent REAL NOT NULL DEFAULT 0,
    preferences TEXT NOT NULL DEFAULT '{}',
    past_purchases TEXT NOT NULL DEFAULT '[]',
    browsing_history TEXT NOT NULL DEFAULT '[]',
    lat REAL,
    lng REAL,
    communication_preferences TEXT NOT NULL DEFAULT '{}',
    is_guest INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    shipping_address TEXT
  );
  INSERT INTO customers_new (user_id, name, email, loyalty_tier, loyalty_points, total_spent, preferences,
      past_purchases, browsing_history, lat, lng, communication_preferences, is_guest, created_at, updated_at,
      shipping_address)
    SELECT user_id, name, email, loyalty_tier, loyalty_points, total_spent, preferences, past_purchases,
      browsing_history, lat, lng, communication_preferences, is_guest, created_at, updated_at, shipping_address
    FROM customers;
  DROP TABLE customers;
  ALTER TABLE customers_new RENAME TO customers;
  `,
  // Where an unpaid order was placed from (a guest's address): what unpaid orders hold is capped per address.
  `
  ALTER TABLE orders ADD COLUMN placed_from TEXT;
  `,
  // A payment event is done once applied in full; until then the provider's retry applies it again.
  `
  ALTER TABLE payment_events ADD COLUMN done INTEGER NOT NULL DEFAULT 1;
  `,
  // Replies long enough to go in parts record how many the platform took: a reply cut off by a crash
  // is sent again from the part that was in flight, not from the start.
  `
  ALTER TABLE channel_messages ADD COLUMN sent_parts INTEGER NOT NULL DEFAULT 0;
  `,
  // Identity codes are limited per client address and for the whole shop, and a number someone keeps
  // guessing at is locked for a while after its last wrong try.
  `
  ALTER TABLE identity_verifications ADD COLUMN ip TEXT;
  ALTER TABLE identity_verifications ADD COLUMN last_try_at TEXT;
  CREATE INDEX identity_verifications_ip ON identity_verifications (ip, sent_at);
  CREATE INDEX identity_verifications_sent ON identity_verifications (sent_at);
  `,
];
