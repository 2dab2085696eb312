import { describe, expect, it } from 'vitest';
import { searchWords, tsOperand, tsQuery } from './ts-query.js';

describe('searchWords', () => {
  it('keeps the words SQLite keeps, the last one as a prefix when long enough', () => {
    expect(searchWords('a laptop for work')).toEqual({ words: ['laptop', 'work'], prefix: true });
    expect(searchWords('size 9 in')).toEqual({ words: ['size', '9'], prefix: false });
    expect(searchWords('the')).toBeNull();
  });

  it('leaves no tsquery syntax from the text', () => {
    expect(searchWords("NEAR('x' y) name:* & !a | b <-> c")?.words).toEqual(['near', 'name']);
    expect(searchWords('" * ( ) & | ! :* <->')).toBeNull();
  });
});

describe('tsQuery', () => {
  it('quotes each stem and joins them', () => {
    expect(tsQuery([tsOperand('red', false), tsOperand('tee', true)], 'OR')).toBe("'red' | 'tee':*");
    expect(tsOperand("o'neil\\", false)).toBe("'o''neil\\\\'");
  });
});
