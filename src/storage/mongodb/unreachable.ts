import { AppError } from '../../errors.js';

/** The driver's errors for a server it cannot reach or lost on the way. */
const UNREACHABLE = new Set([
  'MongoServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoTopologyClosedError',
  'MongoNotConnectedError',
]);

/** True for an error that says MongoDB can't be reached (not that a command was wrong). */
export function isMongoUnreachable(error: unknown): boolean {
  for (let e = error as { name?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 3; depth++) {
    if (typeof e.name === 'string' && UNREACHABLE.has(e.name)) return true;
    e = e.cause as typeof e;
  }
  return false;
}

/**
 * A store whose methods say `STORAGE_UNAVAILABLE` (a 503, like the other backends) when MongoDB can't be
 * reached; every other error passes as it is.
 */
export function guarded<T extends object>(store: T): T {
  return new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) =>
        Promise.resolve((value as (...a: unknown[]) => unknown).apply(target, args)).catch(
          (error: unknown) => {
            if (!isMongoUnreachable(error)) throw error;
            throw new AppError(
              'STORAGE_UNAVAILABLE',
              'The shop database is unreachable right now; please try again in a moment.',
              { category: 'system', details: { retry_after: 5 }, cause: error },
            );
          },
        );
    },
  });
}
