import type {
  Address,
  Cart,
  CartItem,
  Customer,
  Product,
  ProductVariant,
  StockLevel,
  Store,
} from '../../domain/types.js';

/**
 * How the catalogue, customers and carts are kept as documents, and read back as the domain's types.
 * Field names are the domain's (snake_case, as in SQLite); `_id` is the record's own id where it has one,
 * and the keys the stores match on without regard to case (`*_key`) never leave this file.
 */

/**
 * A value put into an update pipeline or an aggregation expression as it is: there a string starting
 * with `$` would be read as a field path, and an object as an expression.
 */
export const literal = (value: unknown) => ({ $literal: value });

/**
 * A value as a JSON column keeps it (SQLite's JSON columns are the reference): what JSON cannot hold is
 * dropped - above all `undefined`, which the driver would otherwise store as null.
 */
export const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** Matched without regard to case, as SQLite's `COLLATE NOCASE` does. */
const keyOf = (value: string | null): string | null => (value === null ? null : value.toLowerCase());

export interface CustomerDoc extends Omit<Customer, 'shipping_address'> {
  _id: string;
  shipping_address: Address | null;
}

export const customerDoc = (c: Customer): CustomerDoc => ({
  _id: c.user_id,
  user_id: c.user_id,
  name: c.name,
  email: c.email,
  loyalty_tier: c.loyalty_tier,
  loyalty_points: c.loyalty_points,
  total_spent: c.total_spent,
  preferences: asJson(c.preferences),
  past_purchases: asJson(c.past_purchases),
  browsing_history: asJson(c.browsing_history),
  location: c.location ? { lat: c.location.lat, lng: c.location.lng } : null,
  communication_preferences: asJson(c.communication_preferences),
  shipping_address: c.shipping_address ? asJson(c.shipping_address) : null,
  is_guest: c.is_guest,
  created_at: c.created_at,
  updated_at: c.updated_at,
});

export const toCustomer = (d: CustomerDoc): Customer => ({
  user_id: d.user_id,
  name: d.name,
  email: d.email,
  loyalty_tier: d.loyalty_tier,
  loyalty_points: d.loyalty_points,
  total_spent: d.total_spent,
  preferences: d.preferences,
  past_purchases: d.past_purchases,
  browsing_history: d.browsing_history,
  location: d.location ? { lat: d.location.lat, lng: d.location.lng } : null,
  communication_preferences: d.communication_preferences,
  shipping_address: d.shipping_address ?? null,
  is_guest: d.is_guest,
  created_at: d.created_at,
  updated_at: d.updated_at,
});

/** A variant with the prices of its own it may have (absent or null: it sells at the product's price). */
type PricedVariant = ProductVariant & { price?: number | null; compare_at_price?: number | null };

export interface VariantDoc {
  sku: string;
  color: string | null;
  size: string | null;
  price?: number;
  compare_at_price?: number;
  color_key: string | null;
  size_key: string | null;
}

export interface ProductDoc extends Omit<Product, 'variants'> {
  _id: string;
  brand_key: string;
  variants: VariantDoc[];
}

/** A price key is kept only where the variant has that price of its own, as SQLite keeps it. */
export function variantDoc(variant: ProductVariant): VariantDoc {
  const v = variant as PricedVariant;
  return {
    sku: v.sku,
    color: v.color,
    size: v.size,
    ...(v.price != null ? { price: v.price } : {}),
    ...(v.compare_at_price != null ? { compare_at_price: v.compare_at_price } : {}),
    color_key: keyOf(v.color),
    size_key: keyOf(v.size),
  };
}

export const toVariant = (d: VariantDoc): ProductVariant => {
  const variant: PricedVariant = { sku: d.sku, color: d.color ?? null, size: d.size ?? null };
  if (d.price != null) variant.price = d.price;
  if (d.compare_at_price != null) variant.compare_at_price = d.compare_at_price;
  return variant;
};

export const productDoc = (p: Product): ProductDoc => ({
  _id: p.product_id,
  product_id: p.product_id,
  name: p.name,
  description: p.description,
  price: p.price,
  category: p.category,
  brand: p.brand,
  brand_key: p.brand.toLowerCase(),
  status: p.status,
  is_featured: p.is_featured,
  image_url: p.image_url,
  tags: [...p.tags],
  attributes: asJson(p.attributes),
  variants: p.variants.map(variantDoc),
  rating: p.rating,
  popularity: p.popularity,
  created_at: p.created_at,
  updated_at: p.updated_at,
});

/** `withVariants` false leaves them out (an empty list), as ranking large candidate sets asks. */
export const toProduct = (d: ProductDoc, withVariants = true): Product => ({
  product_id: d.product_id,
  name: d.name,
  description: d.description,
  price: d.price,
  category: d.category,
  brand: d.brand,
  status: d.status === 'inactive' ? 'inactive' : 'active',
  is_featured: d.is_featured,
  image_url: d.image_url,
  tags: d.tags,
  attributes: d.attributes,
  variants: withVariants ? (d.variants ?? []).map(toVariant) : [],
  rating: d.rating,
  popularity: d.popularity,
  created_at: d.created_at,
  updated_at: d.updated_at,
});

export interface StoreDoc extends Store {
  _id: string;
}

export const storeDoc = (s: Store): StoreDoc => ({
  _id: s.store_id,
  store_id: s.store_id,
  name: s.name,
  address: s.address,
  city: s.city,
  location: { lat: s.location.lat, lng: s.location.lng },
  same_day_delivery: s.same_day_delivery,
  opening_hours: s.opening_hours,
});

export const toStore = (d: StoreDoc): Store => ({
  store_id: d.store_id,
  name: d.name,
  address: d.address,
  city: d.city,
  location: { lat: d.location.lat, lng: d.location.lng },
  same_day_delivery: d.same_day_delivery,
  opening_hours: d.opening_hours,
});

/**
 * A variant's units at one location: `quantity` available, `reserved` set aside for unpaid orders and
 * exchanges (the sum of its `stock_reservations`, kept beside it so a restock is one atomic update).
 */
export interface StockDoc extends StockLevel {
  reserved?: number;
}

export const toStockLevel = (d: StockDoc): StockLevel => ({
  sku: d.sku,
  product_id: d.product_id,
  location_id: d.location_id,
  quantity: d.quantity,
});

export interface CartDoc {
  _id: string;
  version: number;
  updated_at: string;
  items: CartItem[];
}

/** A cart no change has made yet: empty, version 0. */
export const EMPTY_CART_AT = new Date(0).toISOString();

export const cartItemDoc = (i: CartItem): CartItem => ({
  product_id: i.product_id,
  sku: i.sku,
  name: i.name,
  quantity: i.quantity,
  price: i.price,
  color: i.color,
  size: i.size,
  added_at: i.added_at,
});

/** Lines in the order they were added (then by sku), as SQLite lists them. */
export const toCart = (userId: string, d: CartDoc | null): Cart => ({
  user_id: userId,
  items: (d?.items ?? [])
    .map(cartItemDoc)
    .sort((a, b) => compare(a.added_at, b.added_at) || compare(a.sku, b.sku)),
  version: d?.version ?? 0,
  updated_at: d?.updated_at ?? EMPTY_CART_AT,
});

/** Strings in the order SQLite's BINARY collation and MongoDB's simple one put them. */
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
