import { describe, expect, it } from 'vitest';
import { tsQuery } from './ts-query.js';

describe('tsQuery', () => {
  it('keeps the words SQLite keeps, the last one as a prefix', () => {
    expect(tsQuery('a laptop for work', 'AND')).toBe('laptop & work:*');
    expect(tsQuery('red tee', 'OR')).toBe('red | tee:*');
    expect(tsQuery('hood', 'OR')).toBe('hood:*');
    expect(tsQuery('size 9 in', 'AND')).toBe('size & 9');
  });

  it('leaves no tsquery syntax from the text', () => {
    expect(tsQuery("NEAR('x' y) name:* & !a | b <-> c", 'AND')).toBe('near & name:*');
    expect(tsQuery('" * ( ) & | ! :* <->', 'AND')).toBeNull();
  });

  it('requires the category as a phrase in the category field', () => {
    expect(tsQuery('work', 'AND', 't-shirts')).toBe('(t:C <-> shirts:C) & (work:*)');
  });
});
