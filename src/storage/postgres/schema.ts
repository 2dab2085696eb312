/**
 * PostgreSQL's schema as of its first release: the same tables and columns as SQLite's (sqlite/legacy-schema.ts
 * and migrations.ts), in PostgreSQL's types. Times stay ISO text (they compare in order, as the ports expect),
 * money is double precision like SQLite's REAL (code rounds it), flags are booleans, documents are jsonb.
 * Times a store compares or sorts are `COLLATE "C"`: byte order, as SQLite compares them, whatever the
 * database's locale. `seq` stands in for SQLite's rowid where a store takes rows in the order they came.
 */
export const SCHEMA_0001 = `
  CREATE TABLE customers (
    user_id text PRIMARY KEY,
    name text NOT NULL,
    email text NOT NULL,
    loyalty_tier text NOT NULL,
    loyalty_points integer NOT NULL DEFAULT 0,
    total_spent double precision NOT NULL DEFAULT 0,
    preferences jsonb NOT NULL DEFAULT '{}',
    past_purchases jsonb NOT NULL DEFAULT '[]',
    browsing_history jsonb NOT NULL DEFAULT '[]',
    lat double precision,
    lng double precision,
    communication_preferences jsonb NOT NULL DEFAULT '{}',
    shipping_address jsonb,
    is_guest boolean NOT NULL DEFAULT false,
    created_at text COLLATE "C" NOT NULL,
    updated_at text COLLATE "C" NOT NULL
  );

  -- Product search as SQLite's FTS5 index does it: words split as its unicode61 tokenizer splits them
  -- (any run of ASCII characters other than letters and digits separates words, so 't-shirt', '15.6' or
  -- an e-mail address are not kept whole as PostgreSQL's parser would), stemmed by the same Porter
  -- stemmer, every word kept (no stop words).
  CREATE TEXT SEARCH DICTIONARY shop_stem (TEMPLATE = snowball, LANGUAGE = porter);
  CREATE TEXT SEARCH CONFIGURATION shop_search (COPY = pg_catalog.simple);
  ALTER TEXT SEARCH CONFIGURATION shop_search
    ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part,
      hword_numpart WITH shop_stem;
  CREATE FUNCTION search_text(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN regexp_replace(t, '[\\x01-\\x2F\\x3A-\\x40\\x5B-\\x60\\x7B-\\x7F]+', ' ', 'g');
  -- A product's searchable text: the fields SQLite indexes, tags as their JSON text.
  CREATE FUNCTION product_search_text(name text, brand text, category text, tags jsonb, description text)
    RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN search_text(concat_ws(' ', name, brand, category, tags::text, description));
  -- How often each word (stem) occurs, weighted by field as SQLite's bm25 weighs its columns: name 5,
  -- brand 4, category 3, tags 2, description 1.
  CREATE FUNCTION product_search_frequencies(name text, brand text, category text, tags jsonb, description text)
    RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE
  BEGIN ATOMIC
    SELECT coalesce(jsonb_object_agg(lexeme, frequency), '{}') FROM (
      SELECT u.lexeme, sum(f.weight * cardinality(u.positions)) AS frequency
      FROM (VALUES (5, name), (4, brand), (3, category), (2, tags::text), (1, description)) AS f (weight, text),
        unnest(to_tsvector('shop_search', search_text(f.text))) AS u
      GROUP BY u.lexeme) AS stems;
  END;
  CREATE FUNCTION product_search_words(name text, brand text, category text, tags jsonb, description text)
    RETURNS integer LANGUAGE sql IMMUTABLE PARALLEL SAFE
  BEGIN ATOMIC
    SELECT coalesce(sum(cardinality(positions)), 0)::integer
    FROM unnest(to_tsvector('shop_search', product_search_text(name, brand, category, tags, description)));
  END;

  CREATE TABLE products (
    product_id text PRIMARY KEY,
    name text NOT NULL,
    description text NOT NULL,
    price double precision NOT NULL CHECK (price >= 0),
    category text NOT NULL,
    brand text NOT NULL,
    status text NOT NULL,
    is_featured boolean NOT NULL DEFAULT false,
    image_url text NOT NULL DEFAULT '',
    tags jsonb NOT NULL DEFAULT '[]',
    attributes jsonb NOT NULL DEFAULT '{}',
    rating double precision NOT NULL DEFAULT 0,
    popularity integer NOT NULL DEFAULT 0,
    created_at text COLLATE "C" NOT NULL,
    updated_at text COLLATE "C" NOT NULL,
    -- What bm25 ranks by: each stem's weighted frequency, and the product's length in words (the store
    -- copies both into product_terms, the search index).
    search_frequencies jsonb NOT NULL GENERATED ALWAYS AS (
      product_search_frequencies(name, brand, category, tags, description)
    ) STORED,
    search_words integer NOT NULL GENERATED ALWAYS AS (
      product_search_words(name, brand, category, tags, description)
    ) STORED
  );
  CREATE INDEX products_category_price ON products (category, price);
  -- Browsing's order, down to the id that breaks ties, so a walk in it stops at the page's end; the price
  -- after it orders nothing but lets a price range be checked in the index, before any row is read.
  CREATE INDEX products_ranking ON products (is_featured DESC, popularity DESC, product_id, price);
  CREATE INDEX products_category_ranking ON products (category, is_featured DESC, popularity DESC, product_id, price);
  CREATE INDEX products_brand ON products (lower(brand));

  -- What bm25 needs of the whole catalogue, kept by the product store as it writes: how many products,
  -- their words in all, and a version that changes with every write (what the store caches about
  -- search terms is good for one version).
  CREATE TABLE product_search_stats (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    products bigint NOT NULL,
    words bigint NOT NULL,
    version bigint NOT NULL
  );
  INSERT INTO product_search_stats (products, words, version) VALUES (0, 0, 0);
  -- The search index, kept by the product store as it writes products: for each stem, the products
  -- holding it with its weighted frequency and their length in words, in product order (so the terms of
  -- a search are joined by merging index-only scans); a product's category as the stem '@' || category.
  CREATE TABLE product_terms (
    stem text COLLATE "C" NOT NULL,
    product_id text NOT NULL,
    frequency integer NOT NULL,
    words integer NOT NULL,
    PRIMARY KEY (stem, product_id) INCLUDE (frequency, words)
  );
  -- Every stem the catalogue has held, for telling whether a last word's prefix stands for one or more.
  CREATE TABLE search_stems (stem text COLLATE "C" PRIMARY KEY);

  CREATE TABLE product_variants (
    sku text PRIMARY KEY,
    product_id text NOT NULL REFERENCES products (product_id) ON DELETE CASCADE,
    color text,
    size text,
    price double precision CHECK (price >= 0),
    compare_at_price double precision CHECK (compare_at_price >= 0),
    position integer NOT NULL
  );
  -- A product's variants in order, and whether it has one in a colour or size, case aside (which also
  -- gives the planner statistics on those lower-cased values).
  CREATE INDEX product_variants_product ON product_variants (product_id, lower(color), lower(size));

  CREATE TABLE stores (
    store_id text PRIMARY KEY,
    name text NOT NULL,
    address text NOT NULL,
    city text NOT NULL,
    lat double precision NOT NULL,
    lng double precision NOT NULL,
    same_day_delivery boolean NOT NULL DEFAULT false,
    opening_hours text NOT NULL DEFAULT ''
  );

  CREATE TABLE stock (
    sku text NOT NULL,
    location_id text NOT NULL,
    product_id text NOT NULL,
    quantity integer NOT NULL CHECK (quantity >= 0),
    PRIMARY KEY (sku, location_id)
  );
  CREATE INDEX stock_product ON stock (product_id, quantity);

  CREATE TABLE carts (
    user_id text PRIMARY KEY,
    version integer NOT NULL DEFAULT 0,
    updated_at text COLLATE "C" NOT NULL
  );
  CREATE TABLE cart_items (
    user_id text NOT NULL,
    sku text NOT NULL,
    product_id text NOT NULL,
    name text NOT NULL,
    quantity integer NOT NULL CHECK (quantity > 0),
    price double precision NOT NULL,
    color text,
    size text,
    added_at text COLLATE "C" NOT NULL,
    PRIMARY KEY (user_id, sku)
  );

  CREATE TABLE orders (
    order_id text PRIMARY KEY,
    user_id text NOT NULL,
    status text NOT NULL,
    loyalty_tier text NOT NULL,
    fulfilment jsonb NOT NULL,
    items jsonb NOT NULL,
    subtotal double precision NOT NULL,
    tier_discount_rate double precision NOT NULL,
    tier_discount double precision NOT NULL,
    points_redeemed integer NOT NULL,
    points_discount double precision NOT NULL,
    shipping double precision NOT NULL,
    tax double precision NOT NULL DEFAULT 0,
    total double precision NOT NULL,
    points_earned integer NOT NULL,
    created_at text COLLATE "C" NOT NULL,
    expires_at text COLLATE "C",
    updated_at text COLLATE "C",
    carrier text,
    tracking_number text,
    refund_amount double precision,
    stock_taken boolean NOT NULL DEFAULT false,
    credited boolean NOT NULL DEFAULT false,
    credited_points integer NOT NULL DEFAULT 0,
    credited_spend double precision NOT NULL DEFAULT 0,
    payment_ref text,
    session_id text,
    payment_url text,
    payment_checkout text,
    placed_from text
  );
  CREATE INDEX orders_user ON orders (user_id, created_at DESC);
  CREATE INDEX orders_status ON orders (status, expires_at);
  CREATE INDEX orders_created ON orders (created_at);

  CREATE TABLE stock_reservations (
    order_id text NOT NULL REFERENCES orders (order_id),
    sku text NOT NULL,
    location_id text NOT NULL,
    quantity integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, sku, location_id)
  );
  CREATE INDEX stock_reservations_sku ON stock_reservations (sku, location_id);

  CREATE TABLE payment_events (
    event_id text PRIMARY KEY,
    received_at text COLLATE "C" NOT NULL,
    done boolean NOT NULL DEFAULT true
  );

  CREATE TABLE returns (
    return_id text PRIMARY KEY,
    order_id text NOT NULL REFERENCES orders (order_id),
    user_id text NOT NULL,
    status text NOT NULL,
    reason text NOT NULL,
    lines jsonb NOT NULL,
    refund_amount double precision NOT NULL,
    points_back integer NOT NULL,
    points_reversed integer NOT NULL,
    points_shortfall integer NOT NULL DEFAULT 0,
    instructions text,
    rejection_reason text,
    refund_ref text,
    session_id text,
    created_at text COLLATE "C" NOT NULL,
    updated_at text COLLATE "C" NOT NULL
  );
  CREATE INDEX returns_order ON returns (order_id);
  CREATE INDEX returns_user ON returns (user_id, created_at);
  CREATE INDEX returns_status ON returns (status, created_at);

  CREATE TABLE conversations (
    session_id text PRIMARY KEY,
    user_id text NOT NULL,
    channel text NOT NULL,
    metadata jsonb NOT NULL DEFAULT '{}',
    status text NOT NULL DEFAULT 'bot',
    status_at text COLLATE "C",
    operator text,
    handoff_reason text,
    ticket_at text COLLATE "C",
    created_at text COLLATE "C" NOT NULL,
    updated_at text COLLATE "C" NOT NULL
  );
  CREATE INDEX conversations_user ON conversations (user_id, updated_at DESC);
  CREATE INDEX conversations_status ON conversations (status, status_at);

  CREATE TABLE conversation_messages (
    id bigserial PRIMARY KEY,
    session_id text NOT NULL REFERENCES conversations (session_id) ON DELETE CASCADE,
    role text NOT NULL,
    content text NOT NULL,
    timestamp text COLLATE "C" NOT NULL,
    agent_name text,
    metadata jsonb NOT NULL DEFAULT '{}'
  );
  CREATE INDEX conversation_messages_session ON conversation_messages (session_id, id);
  CREATE INDEX conversation_messages_time ON conversation_messages (timestamp) WHERE role = 'assistant';

  CREATE TABLE conversation_events (
    id bigserial PRIMARY KEY,
    session_id text NOT NULL,
    type text NOT NULL,
    data jsonb NOT NULL,
    at text COLLATE "C" NOT NULL,
    for_operators boolean NOT NULL DEFAULT false
  );
  CREATE INDEX conversation_events_operators ON conversation_events (for_operators, id);
  CREATE INDEX conversation_events_session ON conversation_events (session_id, id);
  -- Analytics reads the status changes of a range of days (handoffs asked for, and taken).
  CREATE INDEX conversation_events_status_at ON conversation_events (at) WHERE type = 'status';

  CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    at text COLLATE "C" NOT NULL,
    actor text NOT NULL,
    user_id text NOT NULL,
    action text NOT NULL,
    details jsonb NOT NULL DEFAULT '{}'
  );
  CREATE INDEX audit_log_user ON audit_log (user_id, id DESC);

  CREATE TABLE channel_messages (
    seq bigint GENERATED ALWAYS AS IDENTITY,
    channel text NOT NULL,
    message_id text NOT NULL,
    received_at text COLLATE "C" NOT NULL,
    status text NOT NULL DEFAULT 'received',
    payload jsonb,
    lease_owner text,
    lease_until text COLLATE "C",
    sent_parts integer NOT NULL DEFAULT 0,
    PRIMARY KEY (channel, message_id)
  );
  CREATE INDEX channel_messages_unanswered ON channel_messages (lease_until, seq)
    WHERE status IN ('received', 'sending') AND payload IS NOT NULL;

  CREATE TABLE channel_identities (
    kind text NOT NULL,
    value text NOT NULL,
    user_id text NOT NULL,
    linked_at text COLLATE "C" NOT NULL,
    PRIMARY KEY (kind, value)
  );
  CREATE INDEX channel_identities_user ON channel_identities (user_id);

  CREATE TABLE channel_sessions (
    channel text NOT NULL,
    sender text NOT NULL,
    session_id text NOT NULL UNIQUE,
    created_at text COLLATE "C" NOT NULL,
    PRIMARY KEY (channel, sender)
  );

  CREATE TABLE identity_verifications (
    seq bigint GENERATED ALWAYS AS IDENTITY,
    id text PRIMARY KEY,
    user_id text NOT NULL,
    kind text NOT NULL,
    value text NOT NULL,
    code_hash text NOT NULL,
    sent_at text COLLATE "C" NOT NULL,
    expires_at text COLLATE "C" NOT NULL,
    tries integer NOT NULL DEFAULT 0,
    used boolean NOT NULL DEFAULT false,
    ip text,
    last_try_at text COLLATE "C"
  );
  CREATE INDEX identity_verifications_identity ON identity_verifications (kind, value, sent_at);
  CREATE INDEX identity_verifications_user ON identity_verifications (user_id, sent_at);
  CREATE INDEX identity_verifications_ip ON identity_verifications (ip, sent_at);
  CREATE INDEX identity_verifications_sent ON identity_verifications (sent_at);

  CREATE TABLE feedback (
    seq bigserial PRIMARY KEY,
    feedback_id text NOT NULL UNIQUE,
    user_id text NOT NULL,
    session_id text,
    channel text NOT NULL,
    source text NOT NULL,
    rating integer,
    text text,
    created_at text COLLATE "C" NOT NULL
  );
  CREATE INDEX feedback_user ON feedback (user_id, seq);
  CREATE INDEX feedback_rating ON feedback (rating, seq);
  CREATE UNIQUE INDEX feedback_one_rating ON feedback (session_id) WHERE source = 'rating';

  CREATE TABLE wishlist (
    user_id text NOT NULL,
    product_id text NOT NULL,
    saved_at text COLLATE "C" NOT NULL,
    PRIMARY KEY (user_id, product_id)
  );
`;
