import { widestInstants, type DayRange } from '../../domain/days.js';

/*
 * SQLite knows no time zones, only fixed shifts. So a range's instants are cut into spans over which
 * the zone's offset from UTC stays the same (found with the platform's time-zone data, through Intl),
 * and a time's day is its UTC time shifted by its span's offset: the day Intl would give it.
 */

/** The named parameters a statement using ZONES and localDay binds for a range. */
export interface DayParams {
  from: string;
  to: string;
  /** Instants [start, end) that hold the whole range: rows outside them are never shifted. */
  start: string;
  end: string;
  /** [since, until, shift] spans covering [start, end), as JSON. */
  zones: string;
}

/** The spans as a table, for a statement's WITH clause. */
export const ZONES = `zones AS MATERIALIZED (
  SELECT json_extract(value, '$[0]') AS since, json_extract(value, '$[1]') AS until,
         json_extract(value, '$[2]') AS shift
    FROM json_each(@zones))`;

/** The day (YYYY-MM-DD) in the range's zone of an ISO time column, for a statement WITH ZONES. */
export const localDay = (column: string): string =>
  `date(${column}, (SELECT shift FROM zones WHERE ${column} >= since AND ${column} < until))`;

/** Rows whose ISO time column falls on a day of the range, for a statement WITH ZONES. */
export const onDays = (column: string): string =>
  `${column} >= @start AND ${column} < @end AND ${localDay(column)} BETWEEN @from AND @to`;

export function dayParams(range: DayRange): DayParams {
  const { start, end } = widestInstants(range);
  return {
    from: range.from,
    to: range.to,
    start,
    end,
    zones: JSON.stringify(offsetSpans(Date.parse(start), Date.parse(end), range.timeZone)),
  };
}

/** How far apart the offset is read: zones change it at most a few times a year, never twice in this. */
const PROBE_MS = 6 * 3_600_000;

/** [since, until, shift] spans of a constant UTC offset covering [start, end). */
function offsetSpans(start: number, end: number, timeZone: string): [string, string, string][] {
  const offset = offsetReader(timeZone);
  const spans: [string, string, string][] = [];
  let since = start;
  let probe = start;
  while (probe < end - 1) {
    const next = Math.min(probe + PROBE_MS, end - 1);
    const was = offset(probe);
    if (offset(next) === was) {
      probe = next;
      continue;
    }
    // The first instant after `probe` on another offset, to the millisecond: where the span ends.
    let lo = probe;
    let hi = next;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offset(mid) === was) lo = mid;
      else hi = mid;
    }
    spans.push([iso(since), iso(hi), shift(was)]);
    since = probe = hi;
  }
  spans.push([iso(since), iso(end), shift(offset(since))]);
  return spans;
}

const iso = (t: number) => new Date(t).toISOString();
const shift = (seconds: number) => `${seconds < 0 ? '-' : '+'}${Math.abs(seconds)} seconds`;

/** Seconds the zone's wall clock is ahead of UTC at an instant. */
function offsetReader(timeZone: string): (t: number) => number {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
    hourCycle: 'h23',
  });
  return (t) => {
    const part: Record<string, number> = {};
    for (const p of format.formatToParts(t)) part[p.type] = Number(p.value);
    const wall = Date.UTC(part.year!, part.month! - 1, part.day!, part.hour!, part.minute!, part.second!);
    return (wall - Math.floor(t / 1000) * 1000) / 1000;
  };
}
