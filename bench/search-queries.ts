import type { ProductQuery } from '../src/storage/ports.js';

/** The product searches both backends' search benchmarks time: what shoppers and the agents send. */
export const SEARCH_QUERIES: ProductQuery[] = [
  { text: 'laptop for work' },
  { text: 'running shoes', size: '10' },
  { text: 'waterproof jacket', max_price: 300 },
  { text: 'noise cancelling headphones' },
  { text: 'organic cotton hoodie', color: 'grey' },
  { text: 'espresso machine' },
  { text: 'yoga mat' },
  { category: 'hoodies', size: 'M' },
  { category: 'laptops', min_price: 1000, max_price: 1500 },
  { category: 'dresses', color: 'red', max_price: 100 },
  { text: 'phone camera', min_price: 680, max_price: 920 },
  { brand: 'Northwind' },
  // What the recommendation agent sends after understanding pulls the category out of the words.
  { category: 'laptops', text: 'work' },
  { category: 'jackets', text: 'waterproof', size: 'L' },
  { category: 'headphones', text: 'travel', max_price: 200 },
].map((q) => ({ ...q, in_stock_only: true, limit: 40, with_variants: false }));
