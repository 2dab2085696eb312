import type { Document } from 'mongodb';

/**
 * A number rounded to a whole one half away from zero, bit for bit as SQLite's round() does it (and
 * toCents, for amounts): MongoDB's $round goes half to even.
 */
export const roundHalfAway = (x: unknown): Document => ({
  $let: {
    vars: { x },
    in: {
      $multiply: [{ $cond: [{ $lt: ['$$x', 0] }, -1, 1] }, { $trunc: { $add: [{ $abs: '$$x' }, 0.5] } }],
    },
  },
});
