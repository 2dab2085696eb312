import { distanceKm } from '../../domain/geo.js';
import {
  ONLINE_LOCATION,
  type GeoPoint,
  type Product,
  type ProductVariant,
  type Store,
} from '../../domain/types.js';
import type { InventoryStore, ProductStore } from '../../storage/ports.js';

/** Business days a standard parcel takes from the online warehouse. */
export const SHIPPING_DAYS = { min: 2, max: 5 } as const;
/** Same-day delivery reaches this far from a participating store. */
export const SAME_DAY_RADIUS_KM = 25;

export interface StoreAvailability {
  store_id: string;
  name: string;
  city: string;
  address: string;
  distance_km: number;
  quantity: number;
  same_day_delivery: boolean;
}

export type FulfilmentOption =
  | { type: 'ship'; available: boolean; eta_days_min: number; eta_days_max: number }
  | {
      type: 'pickup';
      available: boolean;
      store_id?: string;
      store_name?: string;
      distance_km?: number;
      ready: 'today';
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
  in_stock: boolean;
  /** Stores within the radius that hold enough units, nearest first. */
  nearby_stores: StoreAvailability[];
  radius_km: number;
  located: boolean;
  fulfilment: FulfilmentOption[];
}

export interface InventoryAgent {
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
  /** Stores nearest a point, within the radius. */
  storesNear(location: GeoPoint, radiusKm?: number): Promise<(Store & { distance_km: number })[]>;
}

const same = (a: string | null, b: string | undefined): boolean =>
  b === undefined || (a ?? '').toLowerCase() === b.toLowerCase();

export function createInventoryAgent(deps: {
  products: ProductStore;
  inventory: InventoryStore;
  settings: { default_radius: number; cache_ttl: number };
  now?: () => number;
}): InventoryAgent {
  const now = deps.now ?? Date.now;
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
      .map((s) => ({ ...s, distance_km: Math.round(distanceKm(location, s.location) * 10) / 10 }))
      .filter((s) => s.distance_km <= radiusKm)
      .sort((a, b) => a.distance_km - b.distance_km);
  }

  function matching(product: Product, color?: string, size?: string): ProductVariant[] {
    return product.variants.filter((v) => same(v.color, color) && same(v.size, size));
  }

  return {
    storesNear,

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
          same_day_delivery: s.same_day_delivery,
        }))
        .filter((s) => s.quantity >= quantity);
      const pickup = nearby[0];
      const sameDay = nearby.find((s) => s.same_day_delivery && s.distance_km <= SAME_DAY_RADIUS_KM);

      return {
        product_id,
        name: product.name,
        variant: variants.length === 1 ? (variants[0] ?? null) : null,
        matching_skus: [...skus],
        quantity_requested: quantity,
        online_quantity: online,
        in_stock: online >= quantity || nearby.length > 0,
        nearby_stores: nearby,
        radius_km: radius,
        located: location !== null,
        fulfilment: [
          {
            type: 'ship',
            available: online >= quantity,
            eta_days_min: SHIPPING_DAYS.min,
            eta_days_max: SHIPPING_DAYS.max,
          },
          pickup
            ? {
                type: 'pickup',
                available: true,
                store_id: pickup.store_id,
                store_name: pickup.name,
                distance_km: pickup.distance_km,
                ready: 'today',
              }
            : { type: 'pickup', available: false, ready: 'today' },
          sameDay
            ? { type: 'same_day', available: true, store_id: sameDay.store_id, store_name: sameDay.name }
            : { type: 'same_day', available: false },
        ],
      };
    },
  };
}
