import { afterAll, describe, expect, it } from 'vitest';
import { openPg } from './database.js';
import { dayParams, dayText, localDay, onDays } from './shop-days.js';
import { testDatabase } from './testing/database.js';

/** This run's own database (dropped at the end); null when no PostgreSQL answers, and the suite skips. */
const database = await testDatabase();
const pg = database ? openPg({ url: database.url, poolMax: 1 }) : null;
afterAll(async () => {
  await pg?.close();
  await database?.drop();
});

/** The day Intl gives an instant in a zone: what the SQLite adapter (and analytics before it) counts it on. */
const intlDay = (timeZone: string) => {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  return (t: number) => format.format(t);
};

/** Every 7 minutes through [start, end), and a millisecond either side of every change of day. */
function instants(start: number, end: number, dayOf: (t: number) => string): number[] {
  const step = 7 * 60_000;
  const out: number[] = [];
  for (let t = start; t < end; t += step) {
    out.push(t);
    if (dayOf(t) === dayOf(t + step)) continue;
    let lo = t;
    let hi = t + step;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (dayOf(mid) === dayOf(t)) lo = mid;
      else hi = mid;
    }
    out.push(lo, hi);
  }
  return out;
}

describe.skipIf(!pg)('shop days in PostgreSQL', () => {
  it.each([
    // A day of 25 hours and one of 23, DST at midnight, half and three-quarter hours, a skipped day.
    ['America/Los_Angeles', '2026-10-30', '2026-11-03'],
    ['Europe/London', '2026-03-27', '2026-03-31'],
    ['America/Santiago', '2026-04-03', '2026-04-06'],
    ['America/Santiago', '2026-09-04', '2026-09-08'],
    ['Australia/Lord_Howe', '2026-04-03', '2026-04-07'],
    ['Asia/Kathmandu', '2026-01-01', '2026-01-02'],
    ['Pacific/Kiritimati', '2026-06-01', '2026-06-02'],
    ['Pacific/Pago_Pago', '2026-06-01', '2026-06-02'],
    ['Pacific/Apia', '2011-12-28', '2011-12-31'],
    ['UTC', '2026-02-27', '2026-03-01'],
  ])('puts each instant on its day in %s, as Intl does (%s to %s)', async (timeZone, from, to) => {
    const params = dayParams({ from, to, timeZone });
    const dayOf = intlDay(timeZone);
    const times = instants(Date.parse(params[0]), Date.parse(params[1]), dayOf).map((t) =>
      new Date(t).toISOString(),
    );
    const rows = await pg!.query<{ at: string; day: string; kept: boolean }>(
      `SELECT at, ${dayText(localDay('at'))} AS day, ${onDays('at')} AS kept
         FROM unnest($6::text[]) AS at ORDER BY at`,
      [...params, times],
    );
    const wrong = rows.filter((r) => {
      const day = dayOf(Date.parse(r.at));
      return r.day !== day || r.kept !== (day >= from && day <= to);
    });
    expect(wrong).toEqual([]);
    expect(rows.length).toBe(times.length);
    expect(rows.length).toBeGreaterThan(500);
  });
});
