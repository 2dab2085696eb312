import { describe, expect, it } from 'vitest';
import { searchWords } from './search-words.js';

describe('searchWords', () => {
  it('keeps the words worth matching, lower-cased, in order', () => {
    expect(searchWords('A Laptop for WORK')).toEqual(['laptop', 'work']);
    expect(searchWords('size 8 x')).toEqual(['size', '8']);
  });

  it('leaves nothing of query syntax', () => {
    expect(searchWords('NEAR("x" y) name:* {"$gt": ""}')).toEqual(['near', 'name', 'gt']);
    expect(searchWords('" * ( ) -')).toEqual([]);
  });

  it('keeps at most twelve', () => {
    expect(searchWords(Array.from({ length: 20 }, (_, i) => `w${i}`).join(' '))).toHaveLength(12);
  });
});
