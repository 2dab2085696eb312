import { widestInstants, type DayRange } from '../../domain/days.js';

/*
 * A statement reading a range of the shop's days binds dayParams first ($1 to $5) and tests its ISO
 * time columns with onDays: first the instants that hold the whole range (text, so an index on the
 * column serves it), then each row's day in the zone - PostgreSQL's own time-zone data - so only the
 * rows of that window are parsed.
 */

/** $1 start and $2 end of the instants holding the range, $3 its first day, $4 its last, $5 its zone. */
export function dayParams(range: DayRange): [string, string, string, string, string] {
  const { start, end } = widestInstants(range);
  return [start, end, range.from, range.to, range.timeZone];
}

/** The day (a date) in the range's zone of an ISO time column, for a statement binding dayParams. */
export const localDay = (column: string): string => `(${column}::timestamptz AT TIME ZONE $5::text)::date`;

/** Rows whose ISO time column falls on a day of the range, for a statement binding dayParams. */
export const onDays = (column: string): string =>
  `${column} >= $1 AND ${column} < $2 AND ${localDay(column)} BETWEEN $3::date AND $4::date`;

/** A day as the ports give it (YYYY-MM-DD), whatever the server's DateStyle. */
export const dayText = (day: string): string => `to_char(${day}, 'YYYY-MM-DD')`;
