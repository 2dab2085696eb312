import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { ONLINE_LOCATION, type Product, type ProductVariant, type StockLevel } from '../domain/types.js';
import { AppError } from '../errors.js';
import type { Storage } from '../storage/ports.js';
import { firstIssue } from '../validation.js';
import { systemClock, type Clock } from '../domain/clock.js';

/** Stock for a variant: units in the online warehouse, or per location id. */
const stockSchema = z.union([z.number().int().min(0), z.record(z.string().min(1), z.number().int().min(0))]);

const priceSchema = z.number().min(0).max(1_000_000);

const variantSchema = z
  .object({
    sku: z.string().trim().min(1).max(100).optional(),
    color: z.string().trim().min(1).max(40).optional(),
    size: z.string().trim().min(1).max(20).optional(),
    /** Its own unit price; without one it sells at the product's. */
    price: priceSchema.nullish(),
    /** What it sold at before a sale. */
    compare_at_price: priceSchema.nullish(),
    stock: stockSchema.default(0),
  })
  .strict();

export const importedProductSchema = z
  .object({
    product_id: z.string().trim().min(1).max(64),
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(5000).default(''),
    /** Every variant's price but those with their own; needed unless each variant has one. */
    price: priceSchema.optional(),
    /** The price before a sale of the variants that sell at `price`. */
    compare_at_price: priceSchema.nullish(),
    category: z.string().trim().min(1).max(60).toLowerCase(),
    brand: z.string().trim().max(80).default(''),
    tags: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
    attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
    is_featured: z.boolean().default(false),
    status: z.enum(['active', 'inactive']).default('active'),
    image_url: z.string().trim().max(500).default(''),
    rating: z.number().min(0).max(5).default(0),
    variants: z.array(variantSchema).min(1).max(200).optional(),
    stock: stockSchema.optional(),
  })
  .strict()
  .refine((p) => p.price !== undefined || (p.variants?.every((v) => typeof v.price === 'number') ?? false), {
    path: ['price'],
    message: 'Required unless every variant has a price of its own',
  });

export type ImportedProduct = z.input<typeof importedProductSchema>;

const num = (v: string | undefined): number | undefined =>
  v === undefined || v.trim() === '' ? undefined : Number(v);
const list = (v: string | undefined): string[] =>
  (v ?? '')
    .split(/[;|]/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * CSV rows are variants: rows sharing a product_id form one product, its columns read from the first row.
 * Columns: product_id, name, price, category, and optionally description, brand, tags (separated by ;),
 * is_featured, image_url, rating; per row sku, color, size, stock (online units), variant_price (the row's
 * own price) and compare_at_price (its price before a sale).
 */
function rowsToProducts(rows: Record<string, string>[]): unknown[] {
  const byId = new Map<string, Record<string, unknown> & { variants: unknown[] }>();
  for (const row of rows) {
    const id = row.product_id?.trim() ?? '';
    let product = byId.get(id);
    if (!product) {
      product = {
        product_id: id,
        name: row.name,
        description: row.description,
        price: num(row.price),
        category: row.category,
        brand: row.brand,
        tags: list(row.tags),
        is_featured: ['true', '1', 'yes'].includes((row.is_featured ?? '').trim().toLowerCase()),
        image_url: row.image_url,
        rating: num(row.rating),
        variants: [],
      };
      for (const key of Object.keys(product)) if (product[key] === undefined) delete product[key];
      byId.set(id, product);
    }
    const variant: Record<string, unknown> = {
      sku: row.sku || undefined,
      color: row.color || undefined,
      size: row.size || undefined,
      price: num(row.variant_price),
      compare_at_price: num(row.compare_at_price),
      stock: num(row.stock) ?? 0,
    };
    for (const key of Object.keys(variant)) if (variant[key] === undefined) delete variant[key];
    product.variants.push(variant);
  }
  return [...byId.values()];
}

/**
 * The product's price and variants as the domain keeps them (see `Product.price`): the product is shown at
 * the lowest price any variant sells at, and a variant carries a price key only when it has a price of its
 * own. One given no price of its own takes the product's as its own when the product is shown lower.
 */
function fromPrice(
  base: number | undefined,
  variants: (ProductVariant & { price: number | null; compare_at_price: number | null })[],
): { price: number; variants: ProductVariant[] } {
  // The schema lets `base` be absent only when every variant has its own price.
  const sold = variants.map((v) => v.price ?? base!);
  const price = Math.min(...sold);
  return {
    price,
    variants: variants.map(({ price: own, compare_at_price, ...v }, i) => {
      const charged = own ?? (price === base ? null : sold[i]!);
      return {
        ...v,
        ...(charged !== null ? { price: charged } : {}),
        ...(compare_at_price !== null ? { compare_at_price } : {}),
      };
    }),
  };
}

export interface ImportSummary {
  products: number;
  variants: number;
}

/** Reads a shop's catalogue from JSON (an array of products) or CSV; throws an AppError naming the bad record. */
export async function readCatalogue(
  path: string,
  now: Clock = systemClock,
): Promise<{ products: Product[]; stock: StockLevel[] }> {
  const text = await readFile(path, 'utf8').catch((error: Error) => {
    throw new AppError('IMPORT_FAILED', `Cannot read ${path}: ${error.message}`);
  });
  let records: unknown[];
  try {
    records =
      extname(path).toLowerCase() === '.csv'
        ? rowsToProducts(parse(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }))
        : (JSON.parse(text) as unknown[]);
  } catch (error) {
    throw new AppError(
      'IMPORT_FAILED',
      `${path} is not valid ${extname(path).slice(1).toUpperCase() || 'JSON'}: ${(error as Error).message}`,
    );
  }
  if (!Array.isArray(records)) throw new AppError('IMPORT_FAILED', `${path}: expected an array of products`);
  const at = now().toISOString();
  const products: Product[] = [];
  const stock: StockLevel[] = [];
  const skus = new Set<string>();
  records.forEach((record, index) => {
    const parsed = importedProductSchema.safeParse(record);
    if (!parsed.success) {
      const issue = firstIssue(parsed.error);
      throw new AppError(
        'IMPORT_FAILED',
        `${path}: product ${index + 1}: ${issue.path || 'record'}: ${issue.message}`,
      );
    }
    const p = parsed.data;
    const variants = (p.variants ?? [{ stock: p.stock ?? 0 }]).map((v, i) => {
      const sku =
        v.sku ??
        (p.variants
          ? [p.product_id, v.color, v.size].filter(Boolean).join('-') || `${p.product_id}-${i + 1}`
          : p.product_id);
      if (skus.has(sku))
        throw new AppError('IMPORT_FAILED', `${path}: product ${index + 1}: duplicate sku ${sku}`);
      skus.add(sku);
      const levels = typeof v.stock === 'number' ? { [ONLINE_LOCATION]: v.stock } : v.stock;
      for (const [location_id, quantity] of Object.entries(levels))
        stock.push({ sku, product_id: p.product_id, location_id, quantity });
      return {
        sku,
        color: v.color?.toLowerCase() ?? null,
        size: v.size ?? null,
        price: v.price ?? null,
        // A product's sale price is that of the variants selling at its price.
        compare_at_price: v.compare_at_price ?? (v.price == null ? (p.compare_at_price ?? null) : null),
      };
    });
    const priced = fromPrice(p.price, variants);
    products.push({
      product_id: p.product_id,
      name: p.name,
      description: p.description,
      price: priced.price,
      category: p.category,
      brand: p.brand,
      status: p.status,
      is_featured: p.is_featured,
      image_url: p.image_url,
      tags: p.tags,
      attributes: p.attributes,
      variants: priced.variants,
      rating: p.rating,
      popularity: 0,
      created_at: at,
      updated_at: at,
    });
  });
  return { products, stock };
}

export async function importCatalogue(
  storage: Storage,
  path: string,
  onProgress?: (done: number, total: number) => void,
  now: Clock = systemClock,
): Promise<ImportSummary> {
  const { products, stock } = await readCatalogue(path, now);
  const BATCH = 1000;
  const stockByProduct = new Map<string, StockLevel[]>();
  for (const level of stock)
    stockByProduct.set(level.product_id, [...(stockByProduct.get(level.product_id) ?? []), level]);
  for (let i = 0; i < products.length; i += BATCH) {
    const batch = products.slice(i, i + BATCH);
    await storage.products.upsertMany(batch);
    await storage.inventory.setStock(batch.flatMap((p) => stockByProduct.get(p.product_id) ?? []));
    onProgress?.(Math.min(i + BATCH, products.length), products.length);
  }
  return { products: products.length, variants: products.reduce((n, p) => n + p.variants.length, 0) };
}
