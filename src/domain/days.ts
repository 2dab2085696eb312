/**
 * Calendar days `from` to `to` (YYYY-MM-DD, inclusive) as they fall in `timeZone` (IANA): an instant
 * belongs to the day it is in that zone, so a shop's day runs from its own midnight to the next.
 */
export interface DayRange {
  from: string;
  to: string;
  timeZone: string;
}

const DAY = 86_400_000;

/** The days of the range, oldest first (YYYY-MM-DD). */
export function daysIn(range: Pick<DayRange, 'from' | 'to'>): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${range.from}T00:00:00Z`); t <= Date.parse(`${range.to}T00:00:00Z`); t += DAY)
    out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/**
 * The instants [start, end) that hold every instant of the range, whatever its time zone: each zone is
 * within 14 hours of UTC, so a day there starts at most 14 hours before its UTC midnight and ends at
 * most 38 hours after it. A reader narrows them to the zone's days.
 */
export function widestInstants(range: Pick<DayRange, 'from' | 'to'>): { start: string; end: string } {
  const hour = 3_600_000;
  return {
    start: new Date(Date.parse(`${range.from}T00:00:00Z`) - 14 * hour).toISOString(),
    end: new Date(Date.parse(`${range.to}T00:00:00Z`) + 38 * hour).toISOString(),
  };
}
