import { distanceKm } from '../../domain/geo.js';
import {
  ONLINE_LOCATION,
  type GeoPoint,
  type Product,
  type ProductVariant,
  type Store,
} from '../../domain/types.js';
import { hoursOf, nextPickup, zoneOf, type PickupTime } from '../../shop/opening-hours.js';
import type { Shop } from '../../shop/shop.js';
import type { InventoryStore, ProductStore } from '../../storage/ports.js';
import type { Clock } from '../../domain/clock.js';

/** The variant a count is of, when several match what was asked (a colour, a size). */
export interface CountedVariant {
  color: string | null;
  size: string | null;
}

export interface StoreAvailability {
  store_id: string;
  name: string;
  city: string;
  address: string;
  distance_km: number;
  quantity: number;
  /** Which variant `quantity` counts, when several match; null when the question named one. */
  counted: CountedVariant | null;
  same_day_delivery: boolean;
  /** When the store can hand it over; null when pickup is off or the store never opens. */
  pickup: PickupTime | null;
}

/** A store near the customer, without stock: for "which stores are near me?". */
export type StoreListing = Omit<StoreAvailability, 'quantity' | 'counted'>;

export type FulfilmentOption =
  | { type: 'ship'; available: boolean; method: string; eta_days_min: number; eta_days_max: number }
  | {
      type: 'pickup';
      available: boolean;
      store_id?: string;
      store_name?: string;
      distance_km?: number;
      ready?: PickupTime;
    }
  | { type: 'same_day'; available: boolean; store_id?: string; store_name?: string };

export interface Availability {
  product_id: string;
  name: string;
  /** The variant asked about, when colour and size pick one out. */
  variant: ProductVariant | null;
  /** Variants that match what was asked (all of them when nothing was). */
  matching_skus: string[];
  quantity_requested: number;
  online_quantity: number;
  /** Units online per matching variant, most first, when several match. */
  online_by_variant: (CountedVariant & { quantity: number })[];
  in_stock: boolean;
  /**
   * What was asked that the product is not made in ("black" of a hoodie sold in blue, green and grey),
   * with what it does come in; null when every option asked exists.
   */
  not_made: { option: 'color' | 'size'; value: string; offered: string[] } | null;
  /** Stores within the radius that hold enough units, nearest first. */
  nearby_stores: StoreAvailability[];
  radius_km: number;
  located: boolean;
  fulfilment: FulfilmentOption[];
}

/** A store as a place to collect a whole order: what it can't supply, and when it can hand over. */
export interface PickupCandidate {
  store_id: string;
  name: string;
  city: string;
  address: string;
  /** Null when the customer's location is unknown. */
  distance_km: number | null;
  /** Names of the lines this store can't supply in full. */
  missing: string[];
  pickup: PickupTime | null;
  /** Holds every line and is open for pickup today. */
  ready_today: boolean;
}

export interface InventoryAgent {
  /** Every store as a pickup point for these lines, the ready-today ones first, then nearest first. */
  pickupStores(
    lines: readonly { product_id: string; sku: string; quantity: number; name: string }[],
    from: GeoPoint | null,
  ): Promise<PickupCandidate[]>;
  check(input: {
    product_id: string;
    color?: string;
    size?: string;
    quantity?: number;
    location?: GeoPoint | null;
    radius_km?: number;
  }): Promise<Availability | null>;
  /** Units orderable for delivery of one variant (what the online warehouse holds). */
  availableToShip(sku: string, productId: string): Promise<number>;
  /** One store by id; null when there is none. */
  store(storeId: string): Promise<Store | null>;
  /** Stores nearest a point, within the radius. */
  storesNear(
    location: GeoPoint,
    radiusKm?: number,
  ): Promise<(Store & { distance_km: number; pickup: PickupTime | null })[]>;
}

const same = (a: string | null, b: string | undefined): boolean =>
  b === undefined || (a ?? '').toLowerCase() === b.toLowerCase();

export function createInventoryAgent(deps: {
  products: ProductStore;
  inventory: InventoryStore;
  settings: { default_radius: number; cache_ttl: number };
  shop: Pick<Shop, 'shipping' | 'pickup' | 'same_day_delivery' | 'time_zone'>;
  now: Clock;
}): InventoryAgent {
  const now = () => deps.now().getTime();
  const shop = deps.shop;
  const pickupAt = (store: Store): PickupTime | null => {
    if (!shop.pickup.enabled) return null;
    const hours = hoursOf(store, shop as Shop);
    return hours ? nextPickup(hours, zoneOf(store.store_id, shop as Shop), new Date(now())) : null;
  };
  let storesCache: { at: number; stores: Store[] } | null = null;
  // Stores change rarely; stock is never cached, so availability is always the truth.
  async function stores(): Promise<Store[]> {
    if (!storesCache || now() - storesCache.at > deps.settings.cache_ttl * 1000) {
      storesCache = { at: now(), stores: await deps.inventory.stores() };
    }
    return storesCache.stores;
  }

  async function storesNear(location: GeoPoint, radiusKm = deps.settings.default_radius) {
    return (await stores())
      .map((s) => ({
        ...s,
        distance_km: Math.round(distanceKm(location, s.location) * 10) / 10,
        pickup: pickupAt(s),
      }))
      .filter((s) => s.distance_km <= radiusKm)
      .sort((a, b) => a.distance_km - b.distance_km);
  }

  /** The first option asked that no variant of the product has, with the values it does have. */
  function notMade(product: Product, color?: string, size?: string): Availability['not_made'] {
    const asked = [
      ['color', color],
      ['size', size],
    ] as const;
    for (const [option, value] of asked) {
      if (!value || product.variants.some((v) => same(v[option], value))) continue;
      const offered = [...new Set(product.variants.map((v) => v[option]).filter((x): x is string => !!x))];
      if (offered.length) return { option, value, offered };
    }
    return null;
  }

  function matching(product: Product, color?: string, size?: string): ProductVariant[] {
    return product.variants.filter((v) => same(v.color, color) && same(v.size, size));
  }

  return {
    storesNear,
    store: async (storeId) => (await stores()).find((s) => s.store_id === storeId) ?? null,

    async pickupStores(lines, from) {
      const levels = await deps.inventory.stockForProducts([...new Set(lines.map((l) => l.product_id))]);
      const held = (sku: string, storeId: string) =>
        levels.find((l) => l.sku === sku && l.location_id === storeId)?.quantity ?? 0;
      const candidates = (await stores()).map((s): PickupCandidate => {
        const missing = lines.filter((l) => held(l.sku, s.store_id) < l.quantity).map((l) => l.name);
        const pickup = pickupAt(s);
        return {
          store_id: s.store_id,
          name: s.name,
          city: s.city,
          address: s.address,
          distance_km: from ? Math.round(distanceKm(from, s.location) * 10) / 10 : null,
          missing,
          pickup,
          ready_today: missing.length === 0 && pickup?.when === 'today',
        };
      });
      return candidates.sort(
        (a, b) =>
          Number(b.ready_today) - Number(a.ready_today) || (a.distance_km ?? 0) - (b.distance_km ?? 0),
      );
    },

    async availableToShip(sku, productId) {
      const levels = await deps.inventory.stockForProduct(productId);
      return levels.find((l) => l.sku === sku && l.location_id === ONLINE_LOCATION)?.quantity ?? 0;
    },

    async check({ product_id, color, size, quantity = 1, location = null, radius_km }) {
      const product = await deps.products.get(product_id);
      if (!product) return null;
      const radius = radius_km ?? deps.settings.default_radius;
      const variants = matching(product, color, size);
      const skus = new Set(variants.map((v) => v.sku));
      const levels = (await deps.inventory.stockForProduct(product_id)).filter((l) => skus.has(l.sku));
      // A multi-variant request is satisfiable at a location when some single matching variant has enough.
      const bestAt = (locationId: string): number =>
        Math.max(0, ...levels.filter((l) => l.location_id === locationId).map((l) => l.quantity));
      const variantOf = (sku: string): CountedVariant => {
        const v = variants.find((x) => x.sku === sku);
        return { color: v?.color ?? null, size: v?.size ?? null };
      };
      // Which variant a location's best count is of, so "58 online" never passes for every colour.
      const countedAt = (locationId: string): CountedVariant | null => {
        if (variants.length <= 1) return null;
        const best = levels
          .filter((l) => l.location_id === locationId)
          .sort((a, b) => b.quantity - a.quantity)[0];
        return best ? variantOf(best.sku) : null;
      };
      const onlineByVariant =
        variants.length <= 1
          ? []
          : levels
              .filter((l) => l.location_id === ONLINE_LOCATION && l.quantity > 0)
              .sort((a, b) => b.quantity - a.quantity)
              .map((l) => ({ ...variantOf(l.sku), quantity: l.quantity }));

      const online = bestAt(ONLINE_LOCATION);
      const near = location ? await storesNear(location, radius) : [];
      const nearby: StoreAvailability[] = near
        .map((s) => ({
          store_id: s.store_id,
          name: s.name,
          city: s.city,
          address: s.address,
          distance_km: s.distance_km,
          quantity: bestAt(s.store_id),
          counted: countedAt(s.store_id),
          same_day_delivery: s.same_day_delivery,
          pickup: pickupAt(s),
        }))
        .filter((s) => s.quantity >= quantity);
      const pickup = nearby.find((s) => s.pickup !== null);
      const sameDayRadius = shop.same_day_delivery?.radius_km;
      // Same-day delivery leaves from a store that is open now and can still hand the order over today.
      const sameDay =
        sameDayRadius === undefined
          ? undefined
          : nearby.find(
              (s) => s.same_day_delivery && s.distance_km <= sameDayRadius && s.pickup?.when === 'today',
            );
      const ship = shop.shipping[0]!;

      return {
        product_id,
        name: product.name,
        variant: variants.length === 1 ? (variants[0] ?? null) : null,
        matching_skus: [...skus],
        quantity_requested: quantity,
        online_quantity: online,
        online_by_variant: onlineByVariant,
        in_stock: online >= quantity || nearby.length > 0,
        not_made: notMade(product, color, size),
        nearby_stores: nearby,
        radius_km: radius,
        located: location !== null,
        fulfilment: [
          {
            type: 'ship',
            available: online >= quantity,
            method: ship.name,
            eta_days_min: ship.min_days,
            eta_days_max: ship.max_days,
          },
          pickup
            ? {
                type: 'pickup',
                available: true,
                store_id: pickup.store_id,
                store_name: pickup.name,
                distance_km: pickup.distance_km,
                ...(pickup.pickup ? { ready: pickup.pickup } : {}),
              }
            : { type: 'pickup', available: false },
          sameDay
            ? { type: 'same_day', available: true, store_id: sameDay.store_id, store_name: sameDay.name }
            : { type: 'same_day', available: false },
        ],
      };
    },
  };
}
