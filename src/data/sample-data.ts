import { Faker, en } from '@faker-js/faker';
import {
  ONLINE_LOCATION,
  type Product,
  type ProductVariant,
  type StockLevel,
  type Store,
} from '../domain/types.js';
import { TEMPLATES, type CategoryTemplate } from './catalogue-templates.js';

/** Fixed clock for generated records, so re-running the generator writes identical rows. */
const EPOCH = Date.parse('2026-01-01T00:00:00.000Z');
export const at = (daysBefore: number): string => new Date(EPOCH - daysBefore * 86_400_000).toISOString();

export const SAMPLE_STORES: Store[] = [
  {
    store_id: 'SF-DOWNTOWN',
    name: 'Downtown San Francisco',
    address: '845 Market St',
    city: 'San Francisco',
    location: { lat: 37.7841, lng: -122.4075 },
    same_day_delivery: true,
    opening_hours: '9:00-21:00',
  },
  {
    store_id: 'SF-MISSION',
    name: 'Mission District',
    address: '2100 Mission St',
    city: 'San Francisco',
    location: { lat: 37.763, lng: -122.4194 },
    same_day_delivery: false,
    opening_hours: '10:00-20:00',
  },
  {
    store_id: 'OAKLAND',
    name: 'Oakland Uptown',
    address: '1955 Broadway',
    city: 'Oakland',
    location: { lat: 37.8096, lng: -122.269 },
    same_day_delivery: true,
    opening_hours: '10:00-20:00',
  },
  {
    store_id: 'PALO-ALTO',
    name: 'Palo Alto Town & Country',
    address: '855 El Camino Real',
    city: 'Palo Alto',
    location: { lat: 37.438, lng: -122.159 },
    same_day_delivery: false,
    opening_hours: '10:00-19:00',
  },
  {
    store_id: 'SAN-JOSE',
    name: 'San Jose Santana Row',
    address: '377 Santana Row',
    city: 'San Jose',
    location: { lat: 37.3209, lng: -121.948 },
    same_day_delivery: true,
    opening_hours: '10:00-21:00',
  },
  {
    store_id: 'SEATTLE',
    name: 'Seattle Pike Place',
    address: '1501 Pike Pl',
    city: 'Seattle',
    location: { lat: 47.6097, lng: -122.3422 },
    same_day_delivery: true,
    opening_hours: '9:00-20:00',
  },
  {
    store_id: 'NYC-SOHO',
    name: 'New York SoHo',
    address: '550 Broadway',
    city: 'New York',
    location: { lat: 40.7233, lng: -73.9985 },
    same_day_delivery: true,
    opening_hours: '10:00-21:00',
  },
];

export interface ProductBatch {
  products: Product[];
  stock: StockLevel[];
}

const code = (value: string): string => value.replace(/[^a-z0-9]/gi, '').toUpperCase();

function makeProduct(
  f: Faker,
  t: CategoryTemplate,
  id: string,
  index: number,
  names: Map<string, number>,
): Product {
  const pick = <T>(items: readonly T[]): T => f.helpers.arrayElement(items);
  const brand = pick(t.brands);
  const base = [brand, pick(t.lines), pick(t.qualifiers), t.noun].filter(Boolean).join(' ');
  // Repeated names get a generation number, so "the Velo Zip Hoodie" means one product.
  const seen = (names.get(base) ?? 0) + 1;
  names.set(base, seen);
  const name = seen === 1 ? base : `${base} Gen ${seen}`;
  const attributes = t.attributes(pick);
  const tags = f.helpers.arrayElements(t.tags, { min: 2, max: 3 });
  const fill: Record<string, string | number | boolean> = { ...attributes, tag: tags[0] ?? t.category };
  const description = t.describe.replace(/\{(\w+)\}/g, (_, key: string) => String(fill[key] ?? ''));
  const colors = f.helpers.arrayElements(t.colors, {
    min: t.colorsPerProduct[0],
    max: t.colorsPerProduct[1],
  });
  const sizes = t.sizes.length > 0 ? t.sizes : [null];
  const variants: ProductVariant[] = colors.flatMap((color) =>
    sizes.map((size) => ({ sku: [id, code(color), size].filter(Boolean).join('-'), color, size })),
  );
  const price = Math.round(f.number.float({ min: t.price[0], max: t.price[1] })) - 0.01;
  return {
    product_id: id,
    name,
    description: description.charAt(0).toUpperCase() + description.slice(1),
    price: Math.max(0.99, price),
    category: t.category,
    brand,
    status: 'active',
    is_featured: f.number.int(100) < 8,
    // A bundled placeholder per category, served by the app itself (src/web).
    image_url: `/assets/products/${t.category}.svg`,
    tags,
    attributes,
    variants,
    rating: Math.round(f.number.float({ min: 3.2, max: 5 }) * 10) / 10,
    popularity: f.number.int({ min: 0, max: 900 }),
    created_at: at(400 - (index % 365)),
    updated_at: at(10),
  };
}

/** The seed's example product: a work laptop customers and docs refer to by id. */
function laptop001(): Product {
  return {
    product_id: 'LAPTOP001',
    name: 'Northwind ProBook 14 Work Laptop',
    description:
      'A light, quiet work laptop: 14-inch anti-glare screen, 16 GB of memory, 512 GB of storage, a comfortable keyboard and up to 18 hours of battery.',
    price: 1299.99,
    category: 'laptops',
    brand: 'Northwind',
    status: 'active',
    is_featured: true,
    image_url: 'https://images.example.com/products/laptop001.jpg',
    tags: ['work', 'business', 'lightweight', 'long battery'],
    attributes: { ram_gb: 16, storage_gb: 512, screen_inches: 14, battery_hours: 18 },
    variants: [
      { sku: 'LAPTOP001-SILVER', color: 'silver', size: null },
      { sku: 'LAPTOP001-GREY', color: 'grey', size: null },
    ],
    rating: 4.7,
    popularity: 850,
    created_at: at(300),
    updated_at: at(10),
  };
}

function stockFor(f: Faker, product: Product): StockLevel[] {
  const levels: StockLevel[] = [];
  // About 3 % of products are sold out everywhere; about 10 % of variants are low online.
  const soldOut = product.product_id !== 'LAPTOP001' && f.number.int(100) < 3;
  for (const v of product.variants) {
    const roll = f.number.int(100);
    const online =
      soldOut || roll < 7
        ? 0
        : roll < 17
          ? f.number.int({ min: 1, max: 4 })
          : f.number.int({ min: 5, max: 60 });
    levels.push({
      sku: v.sku,
      product_id: product.product_id,
      location_id: ONLINE_LOCATION,
      quantity: online,
    });
    for (const store of SAMPLE_STORES) {
      const inStore = soldOut || f.number.int(100) < 45 ? 0 : f.number.int({ min: 1, max: 12 });
      // A store that doesn't carry a variant has no row for it.
      if (inStore === 0) continue;
      levels.push({
        sku: v.sku,
        product_id: product.product_id,
        location_id: store.store_id,
        quantity: inStore,
      });
    }
  }
  return levels;
}

/**
 * Generates `count` products over every category, deterministically, in batches (so 100,000 products
 * never sit in memory at once). The first product is always LAPTOP001.
 */
export function* generateProducts(count: number, batchSize = 2000, seed = 42): Generator<ProductBatch> {
  const f = new Faker({ locale: [en], seed });
  const counters = new Map<string, number>();
  const names = new Map<string, number>();
  const width = Math.max(3, String(Math.ceil(count / TEMPLATES.length) + 1).length);
  let batch: ProductBatch = { products: [], stock: [] };
  for (let i = 0; i < count; i++) {
    let product: Product;
    if (i === 0) {
      product = laptop001();
      counters.set('laptops', 1);
    } else {
      const t = TEMPLATES[i % TEMPLATES.length] ?? TEMPLATES[0]!;
      const n = (counters.get(t.category) ?? 0) + 1;
      counters.set(t.category, n);
      product = makeProduct(f, t, `${t.prefix}${String(n).padStart(width, '0')}`, i, names);
    }
    batch.products.push(product);
    batch.stock.push(...stockFor(f, product));
    if (batch.products.length >= batchSize) {
      yield batch;
      batch = { products: [], stock: [] };
    }
  }
  if (batch.products.length > 0) yield batch;
}
