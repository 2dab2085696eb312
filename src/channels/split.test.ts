import { describe, expect, it } from 'vitest';
import { splitMessage } from './split.js';

describe('splitMessage', () => {
  it('keeps short replies whole', () => {
    expect(splitMessage('Hello there', 4096)).toEqual(['Hello there']);
  });

  it('splits at the limit without breaking words, preferring line breaks', () => {
    const words = Array.from({ length: 500 }, (_, i) => `word${i}`).join(' ');
    const parts = splitMessage(words, 160);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(160);
    expect(parts.join(' ')).toBe(words);
    const lines = splitMessage('1. first line\n2. second line\n3. third line', 30);
    expect(lines).toEqual(['1. first line\n2. second line', '3. third line']);
  });

  it('cuts a single over-long word only when it must', () => {
    expect(splitMessage('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });
});
