import { DAYS, type Day, type Shop, type WeekHours } from './shop.js';

/** When a store can hand over an order: today (open now or later today), or the next day it opens. */
export interface PickupTime {
  when: 'today' | 'tomorrow' | 'later';
  /** The store's time zone, which `opens` and `closes` are in. */
  time_zone: string;
  day: Day;
  opens: string;
  closes: string;
}

const DAY_NAMES: Record<Day, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
export const dayName = (day: Day): string => DAY_NAMES[day];

const minutes = (hhmm: string): number => {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** The store's time zone: the shop file's, for a store elsewhere, else the shop's own. */
export const zoneOf = (storeId: string, shop: Shop): string =>
  (Object.hasOwn(shop.pickup.time_zones, storeId) ? shop.pickup.time_zones[storeId] : undefined) ??
  shop.time_zone;

/** The store's week: the shop file's hours for it, else the daily hours in the catalogue's store data. */
export function hoursOf(store: { store_id: string; opening_hours: string }, shop: Shop): WeekHours | null {
  const configured = shop.pickup.opening_hours[store.store_id];
  if (configured) return configured;
  const daily = /^\s*(\d{1,2}:\d{2})\s*-\s*(\d{1,2}:\d{2})\s*$/.exec(store.opening_hours);
  if (!daily) return null;
  const span = `${daily[1]}-${daily[2]}`;
  return Object.fromEntries(DAYS.map((d) => [d, span])) as WeekHours;
}

/** One formatter per time zone: building one costs far more than using it. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The day of the week and the minute of the day at `now` in the shop's time zone. */
function localTime(now: Date, timeZone: string): { day: Day; minute: number } {
  const parts = formatterFor(timeZone).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const day = part('weekday').toLowerCase().slice(0, 3) as Day;
  return { day, minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

/** The first time from `now` the store is open for pickup; null when it never opens. */
export function nextPickup(hours: WeekHours, timeZone: string, now: Date): PickupTime | null {
  const local = localTime(now, timeZone);
  const start = DAYS.indexOf(local.day);
  for (let offset = 0; offset < 7; offset += 1) {
    const day = DAYS[(start + offset) % 7]!;
    const span = hours[day];
    if (span === 'closed') continue;
    const [opens, closes] = span.split('-') as [string, string];
    // Today counts only while there is time left to collect.
    if (offset === 0 && local.minute >= minutes(closes)) continue;
    const when = offset === 0 ? 'today' : offset === 1 ? 'tomorrow' : 'later';
    return { when, time_zone: timeZone, day, opens, closes };
  }
  return null;
}

/** "today until 21:00", "tomorrow from 10:00", "on Monday from 10:00". */
export function pickupPhrase(time: PickupTime, now: Date): string {
  if (time.when === 'today') {
    return localTime(now, time.time_zone).minute < minutes(time.opens)
      ? `today from ${time.opens} to ${time.closes}`
      : `today until ${time.closes}`;
  }
  return time.when === 'tomorrow'
    ? `tomorrow from ${time.opens}`
    : `on ${dayName(time.day)} from ${time.opens}`;
}
