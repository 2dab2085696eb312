import { describe, expect, it } from 'vitest';
import { prefixPattern, searchWords } from './search-words.js';

describe('searchWords', () => {
  it('keeps the words SQLite keeps, the last one as a prefix when long enough', () => {
    expect(searchWords('a laptop for work')).toEqual({ words: ['laptop', 'work'], prefix: true });
    expect(searchWords('size 9 in')).toEqual({ words: ['size', '9'], prefix: false });
    expect(searchWords('the')).toBeNull();
  });

  it('keeps no syntax from the text', () => {
    expect(searchWords("NEAR('x' y) name:* & !a | b <-> c")?.words).toEqual(['near', 'name']);
    expect(searchWords('" * ( ) & | ! :* <-> % _')).toBeNull();
  });
});

describe('prefixPattern', () => {
  it('matches the stem literally, then anything', () => {
    expect(prefixPattern('work')).toBe('work%');
    expect(prefixPattern('a%b_c\\')).toBe('a\\%b\\_c\\\\%');
  });
});
