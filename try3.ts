import Database from 'better-sqlite3';
const db = new Database('data/bench/catalogue-100000.db', { readonly: true });
const sql = `WITH hits AS (SELECT rowid, rank FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT 500)
 SELECT p.product_id FROM hits CROSS JOIN products p ON p.rowid = hits.rowid WHERE p.status='active' AND p.category = ? AND EXISTS (SELECT 1 FROM product_variants v WHERE v.product_id = p.product_id AND v.size = ? COLLATE NOCASE AND EXISTS (SELECT 1 FROM stock s WHERE s.sku = v.sku AND s.quantity > 0)) ORDER BY hits.rank LIMIT 40`;
console.log(db.prepare('EXPLAIN QUERY PLAN ' + sql).all('category : "jackets" AND ("waterproof"*)', 'jackets', 'L').map((r: any) => r.detail));
const m = sql.replace('WITH hits AS (', 'WITH hits AS MATERIALIZED (');
for (const q of [sql, m]) { const st = db.prepare(q); const s = performance.now(); for (let i=0;i<5;i++) st.all('category : "jackets" AND ("waterproof"*)', 'jackets', 'L'); console.log(((performance.now()-s)/5).toFixed(2)); }
console.log(db.prepare('select sqlite_version() v').get());
