import { describe, expect, it } from 'vitest';
import { percentOf } from './money.js';

describe('percentOf', () => {
  it.each([
    // Exact half cents round up, including those floating point puts a hair below the half.
    [50, 0.0875, 2, 4.38],
    [2, 0.0725, 2, 0.15],
    [3.6, 0.0875, 2, 0.32],
    [6, 0.1025, 2, 0.62],
    [21, 0.0725, 2, 1.52],
    [10, 0.08875, 2, 0.89],
    [59.97, 0.0875, 2, 5.25],
    [0.01, 0.0875, 2, 0],
    [0, 0.0875, 2, 0],
    // Yen round once, straight to whole yen: 206 x 9.95% is 20.497, not 20.50 then 21.
    [206, 0.0995, 0, 20],
    [995, 0.05, 0, 50],
    [1234, 0.05, 0, 62],
    [1000, 0.1, 0, 100],
  ])('%s x %s to %s digits is %s', (amount, rate, digits, expected) => {
    expect(percentOf(amount, rate, digits)).toBe(expected);
  });

  it('rounds half away from zero below zero too', () => {
    expect(percentOf(-2, 0.0725, 2)).toBe(-0.15);
  });
});
