import Database from 'better-sqlite3';
const db = new Database('data/bench/catalogue-100000.db', { readonly: true });
const t = (label: string, sql: string, ...p: unknown[]) => { const st = db.prepare(sql); st.all(...p); const s = performance.now(); let r; for (let i=0;i<10;i++) r = st.all(...p); console.log(((performance.now()-s)/10).toFixed(2).padStart(8), label); };
for (const q of ['"laptop"*', '"laptop"', '"laptop" AND "work"', '"noise" AND "cancelling" AND "headphones"', '"noise"* AND "cancelling"* AND "headphones"*', '"phone" AND "camera"']) {
  t('rank 500 ' + q, `SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT 500`, q);
  t('rank 100 ' + q, `SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY rank LIMIT 100`, q);
  t('bm25 weighted ' + q, `SELECT rowid FROM products_fts WHERE products_fts MATCH ? ORDER BY bm25(products_fts, 4, 3, 2, 1, 2) LIMIT 100`, q);
  t('no rank ' + q, `SELECT rowid FROM products_fts WHERE products_fts MATCH ? LIMIT 100`, q);
}
