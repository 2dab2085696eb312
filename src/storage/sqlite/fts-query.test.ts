import { describe, expect, it } from 'vitest';
import { ftsQuery } from './fts-query.js';

describe('ftsQuery', () => {
  it('quotes words, drops stopwords and lets the last word match as a prefix', () => {
    expect(ftsQuery('a laptop for work', 'AND')).toBe('"laptop" AND "work"*');
    expect(ftsQuery('red tee', 'OR')).toBe('"red" OR "tee"*');
    expect(ftsQuery('hood', 'OR')).toBe('"hood"*');
  });

  it('neutralises FTS syntax', () => {
    expect(ftsQuery('NEAR("x" y) name:* OR 1=1', 'AND')).toBe('"near" AND "name" AND "1" AND "1"');
    expect(ftsQuery('" * ( )', 'AND')).toBeNull();
  });

  it('restricts to a category inside the index', () => {
    expect(ftsQuery('work', 'AND', 't-shirts')).toBe('category : "t shirts" AND ("work"*)');
  });
});
