import { z } from 'zod';

/** Rows an admin list returns unless asked for another number. */
const DEFAULT_PAGE = 50;
/** Most rows one admin list returns. */
const MAX_PAGE = 200;

/** The query of an admin list (orders, returns, conversations): optionally one status, 1-200 rows. */
export const adminListQuery = <const S extends readonly [string, ...string[]]>(statuses: S) =>
  z
    .object({
      status: z.enum(statuses).optional(),
      limit: z.coerce.number().int().min(1).max(MAX_PAGE).optional(),
    })
    .strict();

/** What a store's list takes from that query: the status when one was asked for, and the page size. */
export const adminListFilter = <S extends string>(query: {
  status?: S | undefined;
  limit?: number | undefined;
}): { status?: S; limit: number } => ({
  ...(query.status ? { status: query.status } : {}),
  limit: query.limit ?? DEFAULT_PAGE,
});
