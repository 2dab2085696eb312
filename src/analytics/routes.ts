import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { assertAdmin } from '../http/auth.js';
import type { Clock } from '../domain/clock.js';
import type { Storage } from '../storage/ports.js';
import { errorSchema, structured } from '../http/schemas.js';
import { analyticsFor } from './analytics.js';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');
const MAX_DAYS = 366;

/** What the analytics routes read. */
export interface AnalyticsRouteDeps {
  storage: Storage;
  /** The shop's time zone, for days in analytics. */
  timeZone?: string | undefined;
  now: Clock;
}

/** `GET /api/admin/analytics?from=&to=`: how conversations went, day by day in the shop's time zone. */
export const analyticsRoutes =
  ({ storage, timeZone = 'UTC', now }: AnalyticsRouteDeps): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      '/api/admin/analytics',
      {
        schema: {
          tags: ['admin'],
          summary:
            'Conversations per day by channel, the funnel to paid orders, intent mix, handoffs and their wait, model use and turn latency, from stored data; days in the shop time zone (default: the last 7) (admin)',
          querystring: z.object({ from: day.optional(), to: day.optional() }).strict(),
          response: { 200: structured, 400: errorSchema, 401: errorSchema, 403: errorSchema },
        },
      },
      async (request) => {
        assertAdmin(request);
        const today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(now());
        const to = request.query.to ?? today;
        const from =
          request.query.from ??
          new Date(Date.parse(`${to}T00:00:00Z`) - 6 * 86_400_000).toISOString().slice(0, 10);
        const span = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
        // "2024-02-30" parses (as March 1st); only days that exist are taken.
        const real = (d: string) =>
          !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) &&
          new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
        if (!real(from) || !real(to) || span < 0 || span >= MAX_DAYS)
          throw new AppError(
            'VALIDATION_FAILED',
            `from..to: from must be a real day on or before to, at most ${MAX_DAYS} days apart`,
            { details: { field: 'from' } },
          );
        return { analytics: await analyticsFor(storage, { from, to, timeZone }) };
      },
    );
  };
