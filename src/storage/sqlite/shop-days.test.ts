import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { dayParams, onDays, localDay, ZONES } from './shop-days.js';

const db = new Database(':memory:');
afterAll(() => db.close());
const dayOf = db.prepare<[object], { day: string | null; kept: number }>(
  `WITH ${ZONES} SELECT ${localDay('@at')} AS day, ${onDays('@at')} AS kept`,
);

const formats = new Map<string, Intl.DateTimeFormat>();
/** The day Intl gives an instant in a zone: what analytics has always counted it on. */
function intlDay(timeZone: string, t: number): string {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format.format(t);
}

describe('shop days in SQLite', () => {
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
  ])('puts each instant on its day in %s, as Intl does (%s to %s)', (timeZone, from, to) => {
    const params = dayParams({ from, to, timeZone });
    const start = Date.parse(params.start);
    const end = Date.parse(params.end);
    // Every 7 minutes through the window, and a millisecond either side of every change of day.
    const instants: number[] = [];
    for (let t = start; t < end; t += 7 * 60_000) {
      instants.push(t);
      if (intlDay(timeZone, t) !== intlDay(timeZone, t + 7 * 60_000)) {
        let lo = t;
        let hi = t + 7 * 60_000;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (intlDay(timeZone, mid) === intlDay(timeZone, t)) lo = mid;
          else hi = mid;
        }
        instants.push(lo, hi);
      }
    }
    const wrong = instants.filter((t) => {
      const got = dayOf.get({ ...params, at: new Date(t).toISOString() })!;
      const day = intlDay(timeZone, t);
      return got.day !== day || got.kept !== (day >= from && day <= to ? 1 : 0);
    });
    expect(wrong.map((t) => new Date(t).toISOString())).toEqual([]);
    expect(instants.length).toBeGreaterThan(500);
  });
});
