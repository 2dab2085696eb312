import { describe, expect, it } from 'vitest';
import { guarded, isMongoUnreachable } from './unreachable.js';

const named = (name: string, cause?: unknown) => Object.assign(new Error(name), { name, cause });

describe('an unreachable MongoDB', () => {
  it('is told from the driver error, or one that wraps it', () => {
    expect(isMongoUnreachable(named('MongoServerSelectionError'))).toBe(true);
    expect(isMongoUnreachable(named('AppError', named('MongoNetworkError')))).toBe(true);
    expect(isMongoUnreachable(named('MongoServerError'))).toBe(false);
    expect(isMongoUnreachable(undefined)).toBe(false);
  });

  it('makes a store say STORAGE_UNAVAILABLE, and lets every other error and result through', async () => {
    const store = guarded({
      down: async () => Promise.reject(named('MongoServerSelectionError')),
      wrong: async () => Promise.reject(named('MongoServerError')),
      fine: async (n: number) => n + 1,
    });
    await expect(store.down()).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE', category: 'system' });
    await expect(store.wrong()).rejects.toMatchObject({ name: 'MongoServerError' });
    expect(await store.fine(1)).toBe(2);
  });
});
