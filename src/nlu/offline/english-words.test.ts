import { describe, expect, it } from 'vitest';
import { loadEnglishWords } from './english-words.js';

describe('the English word list', () => {
  it('ships with the package: common words, product words, no slips of four letters or more', () => {
    const words = loadEnglishWords();
    expect(words.size).toBe(30000);
    for (const w of ['tables', 'rebate', 'reimbursement', 'jeans']) expect(words.has(w)).toBe(true);
    for (const w of ['recieve', 'adress', 'hodie', 'cancle']) expect(words.has(w)).toBe(false);
  });

  it('is said to be missing, not silently empty', () => {
    expect(() => loadEnglishWords('/nonexistent/words.txt')).toThrow(/English word list is missing/);
  });
});
