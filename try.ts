import { createSqliteStorage } from './src/storage/sqlite/index.js';
const s = createSqliteStorage('data/bench/catalogue-100000.db');
const qs = [
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
    { category: 'laptops', text: 'work' },
    { category: 'jackets', text: 'waterproof', size: 'L' },
    { category: 'headphones', text: 'travel', max_price: 200 },
  ].map((q) => ({ ...q, in_stock_only: true, limit: 40, with_variants: false }));
for (const q of qs) { await s.products.search(q); const t = performance.now(); for (let i=0;i<5;i++) await s.products.search(q); console.log(((performance.now()-t)/5).toFixed(2), JSON.stringify(q)); }
