import type { Document } from 'mongodb';
import { widestInstants, type DayRange } from '../../domain/days.js';

/**
 * The day (YYYY-MM-DD) in `timeZone` of an ISO time (an expression), by the server's time-zone data;
 * null for one that is not a time, as SQLite has it.
 */
export const localDay = (time: string, timeZone: string): Document => ({
  $dateToString: {
    date: { $dateFromString: { dateString: time, onError: null } },
    format: '%Y-%m-%d',
    timezone: timeZone,
  },
});

/**
 * Stages keeping the documents matching `match` whose ISO time `field` falls on a day of the range, each
 * with that day as `day`: first by the instants that hold the whole range (strings, so an index on
 * `field` serves it), then by the day in the zone - so only the documents of that window are parsed.
 */
export function onDays(field: string, range: DayRange, match: Document = {}): Document[] {
  const { start, end } = widestInstants(range);
  return [
    { $match: { ...match, [field]: { $gte: start, $lt: end } } },
    { $set: { day: localDay(`$${field}`, range.timeZone) } },
    { $match: { day: { $gte: range.from, $lte: range.to } } },
  ];
}
