import { describe, expect, it } from 'vitest';
import { adminListFilter, adminListQuery } from './admin-list.js';

describe('admin lists', () => {
  const query = adminListQuery(['open', 'closed']);

  it('reads an optional status and a page of 1 to 200 rows from the query string', () => {
    expect(query.parse({ status: 'open', limit: '20' })).toEqual({ status: 'open', limit: 20 });
    expect(query.parse({})).toEqual({});
    expect(query.safeParse({ status: 'lost' }).success).toBe(false);
    expect(query.safeParse({ limit: '201' }).success).toBe(false);
    expect(query.safeParse({ limit: '0' }).success).toBe(false);
    expect(query.safeParse({ page: '2' }).success).toBe(false);
  });

  it('asks the store for 50 rows in any status unless told otherwise', () => {
    expect(adminListFilter({})).toEqual({ limit: 50 });
    expect(adminListFilter({ status: 'open', limit: 5 })).toEqual({ status: 'open', limit: 5 });
  });
});
