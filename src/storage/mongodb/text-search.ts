import type { Document } from 'mongodb';
import type { ProductQuery } from '../ports.js';
import { searchWords } from '../search-words.js';
import { literal } from './documents.js';

/**
 * A customer's search as MongoDB text searches, in the two passes SQLite makes: every word (`all`) first,
 * then - when nothing matches them all - any word (`any`), ranked by relevance either way. Null when no
 * word is worth searching for.
 *
 * MongoDB's `$text` matches any of the words it is given, stemmed (English: "laptops" finds "laptop").
 * Every word is asked for at once by quoting each as a phrase: a document then has to hold each of them,
 * as written, somewhere in its indexed fields. A phrase is not stemmed, so in that pass a plural loses
 * its final "s" ("laptops" is looked for as "laptop", which "laptops" holds too); when a word still
 * differs from the text ("dresses" against "dress"), the any-word pass finds it. Unlike SQLite's, neither
 * pass matches the last word as a prefix of a longer one ("hood" does not find "hoodie"). The words are
 * letters and digits only, so nothing a customer types is read as search syntax (quotes, `-` negation).
 */
export function textSearch(text: string): { all: string; any: string } | null {
  const words = searchWords(text);
  if (words.length === 0) return null;
  return {
    all: words.map((w) => `"${singular(w)}"`).join(' '),
    any: words.join(' '),
  };
}

/** A word without a plural's final "s" (not "ss", nor a short word like "bus"). */
const singular = (word: string): string =>
  word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;

/** Most products one search returns, and how many when it does not say. */
const MAX_RESULTS = 200;
const DEFAULT_RESULTS = 10;

/**
 * The aggregation that answers a product query, as SQLite's does: active products passing the filters,
 * the best text matches first (`search`, one of `textSearch`'s), otherwise featured then popular first.
 * Brand, colour and size match without regard to case. `in_stock_only` asks for a unit of the product -
 * of a variant in the colour and size asked for, when they are - anywhere.
 */
export function searchPipeline(query: ProductQuery, search: string | null): Document[] {
  const match: Document = { status: 'active' };
  if (search !== null) match.$text = { $search: search };
  if (query.category) match.category = query.category;
  if (query.brand) match.brand_key = query.brand.toLowerCase();
  if (query.min_price !== undefined || query.max_price !== undefined)
    match.price = {
      ...(query.min_price !== undefined ? { $gte: query.min_price } : {}),
      ...(query.max_price !== undefined ? { $lte: query.max_price } : {}),
    };
  if (query.featured_only) match.is_featured = true;
  if (query.exclude_ids?.length) match.product_id = { $nin: query.exclude_ids };
  const variant: Document = {};
  if (query.color) variant.color_key = query.color.toLowerCase();
  if (query.size) variant.size_key = query.size.toLowerCase();
  const byVariant = Object.keys(variant).length > 0;
  if (byVariant) match.variants = { $elemMatch: variant };

  const ranking = { is_featured: -1, popularity: -1 };
  const pipeline: Document[] = [
    { $match: match },
    { $sort: search !== null ? { score: { $meta: 'textScore' }, ...ranking } : ranking },
  ];
  if (query.in_stock_only) {
    // The skus whose stock counts: the variants asked for, or all of the product's.
    const skus = byVariant
      ? {
          $map: {
            input: {
              $filter: {
                input: '$variants',
                as: 'v',
                cond: {
                  $and: Object.entries(variant).map(([key, value]) => ({
                    $eq: [`$$v.${key}`, literal(value)],
                  })),
                },
              },
            },
            as: 'v',
            in: '$$v.sku',
          },
        }
      : null;
    pipeline.push(
      {
        $lookup: {
          from: 'stock',
          let: byVariant ? { skus } : { product: '$product_id' },
          pipeline: [
            {
              $match: {
                $expr: byVariant ? { $in: ['$sku', '$$skus'] } : { $eq: ['$product_id', '$$product'] },
                quantity: { $gt: 0 },
              },
            },
            { $limit: 1 },
            { $project: { _id: 1 } },
          ],
          as: 'in_stock',
        },
      },
      { $match: { 'in_stock.0': { $exists: true } } },
    );
  }
  pipeline.push(
    { $limit: Math.max(1, Math.min(query.limit ?? DEFAULT_RESULTS, MAX_RESULTS)) },
    { $project: { in_stock: 0, ...(query.with_variants === false ? { variants: 0 } : {}) } },
  );
  return pipeline;
}
