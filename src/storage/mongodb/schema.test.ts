import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COLLECTIONS } from './schema.js';

/** The collections the stores name (`db.collection<...>('name')`), read from their source. */
function collectionsNamed(): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(import.meta.dirname)) {
    if (!file.endsWith('.ts') || file.endsWith('.test.ts')) continue;
    const source = readFileSync(join(import.meta.dirname, file), 'utf8');
    for (const m of source.matchAll(/\.collection(?:<[^>]*>)?\(\s*'([a-z_]+)'/g)) names.add(m[1]!);
    for (const m of source.matchAll(/from: '([a-z_]+)'/g)) names.add(m[1]!);
  }
  return names;
}

describe('mongodb schema', () => {
  it('makes, before any transaction, every collection the stores use', () => {
    const named = collectionsNamed();
    expect(named.size).toBeGreaterThan(15);
    // LangGraph's own collections, which the retention sweep prunes, are its checkpointer's to make.
    const langgraph = new Set(['checkpoints', 'checkpoint_writes']);
    for (const name of named) if (!langgraph.has(name)) expect(Object.keys(COLLECTIONS)).toContain(name);
  });

  it("names every index, and leaves LangGraph's collections to its checkpointer", () => {
    const names = Object.values(COLLECTIONS).flatMap((indexes) => indexes.map((i) => i.name));
    expect(names.every(Boolean)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(COLLECTIONS)).not.toContain('checkpoints');
    expect(Object.keys(COLLECTIONS)).not.toContain('checkpoint_writes');
  });

  it('enforces the claims that must happen once with unique indexes', () => {
    const unique = (collection: string) =>
      (COLLECTIONS[collection] ?? []).filter((i) => i.unique).map((i) => Object.keys(i.key ?? {}));
    expect(unique('channel_messages')).toContainEqual(['channel', 'message_id']);
    expect(unique('channel_sessions')).toContainEqual(['channel', 'sender']);
    expect(unique('feedback')).toContainEqual(['session_id']);
    expect(unique('wishlist')).toContainEqual(['user_id', 'product_id']);
    expect(unique('stock')).toContainEqual(['sku', 'location_id']);
  });
});
