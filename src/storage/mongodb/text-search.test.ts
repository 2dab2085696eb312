import { describe, expect, it } from 'vitest';
import { searchPipeline, textSearch } from './text-search.js';

describe('textSearch', () => {
  it('asks for every word as a phrase, plurals without their final s, then for any word as it was typed', () => {
    expect(textSearch('laptops for work')).toEqual({ all: '"laptop" "work"', any: 'laptops work' });
    expect(textSearch('dress glass bus')).toEqual({ all: '"dress" "glass" "bus"', any: 'dress glass bus' });
  });

  it('leaves nothing a customer types to be read as search syntax', () => {
    expect(textSearch('-cheap "red tee"')).toEqual({ all: '"cheap" "red" "tee"', any: 'cheap red tee' });
    expect(textSearch('" * ( )')).toBeNull();
    expect(textSearch('the and of')).toBeNull();
  });
});

describe('searchPipeline', () => {
  const stages = (pipeline: ReturnType<typeof searchPipeline>) => pipeline.map((s) => Object.keys(s)[0]);

  it('browses active products, featured then popular first, ten unless told', () => {
    const pipeline = searchPipeline({}, null);
    expect(pipeline).toEqual([
      { $match: { status: 'active' } },
      { $sort: { is_featured: -1, popularity: -1 } },
      { $limit: 10 },
      { $project: { in_stock: 0 } },
    ]);
  });

  it('ranks text matches by relevance first, then featured and popular', () => {
    const [match, sort] = searchPipeline({ text: 'x' }, '"laptop"');
    expect(match).toEqual({ $match: { status: 'active', $text: { $search: '"laptop"' } } });
    expect(sort).toEqual({ $sort: { score: { $meta: 'textScore' }, is_featured: -1, popularity: -1 } });
  });

  it('filters as SQLite does: category exactly, brand, colour and size without regard to case', () => {
    const [match] = searchPipeline(
      {
        category: 'Hoodies',
        brand: 'TrailSide',
        color: 'Blue',
        size: 'm',
        min_price: 10,
        max_price: 80,
        featured_only: true,
        exclude_ids: ['A', 'B'],
      },
      null,
    );
    expect(match).toEqual({
      $match: {
        status: 'active',
        category: 'Hoodies',
        brand_key: 'trailside',
        price: { $gte: 10, $lte: 80 },
        is_featured: true,
        product_id: { $nin: ['A', 'B'] },
        variants: { $elemMatch: { color_key: 'blue', size_key: 'm' } },
      },
    });
    expect(searchPipeline({ min_price: 0 }, null)[0]).toEqual({
      $match: { status: 'active', price: { $gte: 0 } },
    });
  });

  it('asks for stock of the product, or of the variants in the colour and size asked for', () => {
    const product = searchPipeline({ in_stock_only: true }, null);
    expect(stages(product)).toEqual(['$match', '$sort', '$lookup', '$match', '$limit', '$project']);
    expect(product[2]).toMatchObject({
      $lookup: {
        from: 'stock',
        let: { product: '$product_id' },
        pipeline: [
          { $match: { $expr: { $eq: ['$product_id', '$$product'] }, quantity: { $gt: 0 } } },
          {},
          {},
        ],
      },
    });
    expect(product[3]).toEqual({ $match: { 'in_stock.0': { $exists: true } } });

    const variant = searchPipeline({ in_stock_only: true, color: 'Black' }, null);
    const lookup = variant[2]!.$lookup as { let: { skus: unknown }; pipeline: unknown[] };
    expect(lookup.let.skus).toEqual({
      $map: {
        input: {
          $filter: {
            input: '$variants',
            as: 'v',
            cond: { $and: [{ $eq: ['$$v.color_key', { $literal: 'black' }] }] },
          },
        },
        as: 'v',
        in: '$$v.sku',
      },
    });
    expect(lookup.pipeline[0]).toEqual({
      $match: { $expr: { $in: ['$sku', '$$skus'] }, quantity: { $gt: 0 } },
    });
  });

  it('returns between 1 and 200, and leaves variants out when asked', () => {
    expect(searchPipeline({ limit: 0 }, null).at(-2)).toEqual({ $limit: 1 });
    expect(searchPipeline({ limit: 5000 }, null).at(-2)).toEqual({ $limit: 200 });
    expect(searchPipeline({ with_variants: false }, null).at(-1)).toEqual({
      $project: { in_stock: 0, variants: 0 },
    });
  });

  it('keeps values a customer gave out of the operators', () => {
    const pipeline = searchPipeline({ color: '$where', in_stock_only: true }, null);
    expect(JSON.stringify(pipeline)).toContain('{"$literal":"$where"}');
    expect(pipeline[0]).toMatchObject({ $match: { variants: { $elemMatch: { color_key: '$where' } } } });
  });
});
