import { describe, expect, it } from 'vitest';
import { nextPickup, pickupPhrase } from './opening-hours.js';
import type { WeekHours } from './shop.js';

const WEEK: WeekHours = {
  mon: '09:00-18:00',
  tue: '09:00-18:00',
  wed: '09:00-18:00',
  thu: '09:00-18:00',
  fri: '09:00-20:00',
  sat: '10:00-16:00',
  sun: 'closed',
};
const LA = 'America/Los_Angeles';
/** A time in Los Angeles in December (UTC-8). */
const la = (day: string, time: string) => new Date(`2026-12-${day}T${time}:00-08:00`);

describe('when a store can hand over an order', () => {
  it.each([
    [
      'before opening on a Wednesday',
      la('02', '07:30'),
      { when: 'today', day: 'wed' },
      'today from 09:00 to 18:00',
    ],
    ['while open', la('02', '12:00'), { when: 'today', day: 'wed' }, 'today until 18:00'],
    ['one minute before closing', la('02', '17:59'), { when: 'today', day: 'wed' }, 'today until 18:00'],
    ['at closing time', la('02', '18:00'), { when: 'tomorrow', day: 'thu' }, 'tomorrow from 09:00'],
    [
      'Saturday evening, closed Sunday',
      la('05', '17:00'),
      { when: 'later', day: 'mon' },
      'on Monday from 09:00',
    ],
    [
      'just before midnight on Friday',
      la('04', '23:59'),
      { when: 'tomorrow', day: 'sat' },
      'tomorrow from 10:00',
    ],
  ])('%s', (_case, now, expected, phrase) => {
    const time = nextPickup(WEEK, LA, now)!;
    expect(time).toMatchObject(expected);
    expect(pickupPhrase(time, now)).toBe(phrase);
  });

  it("reads the hours in the shop's time zone, not the server's", () => {
    // 01:00 UTC on Thursday is still 17:00 on Wednesday in Los Angeles.
    expect(nextPickup(WEEK, LA, new Date('2026-12-03T01:00:00Z'))).toMatchObject({
      when: 'today',
      day: 'wed',
    });
    expect(nextPickup(WEEK, 'Asia/Tokyo', new Date('2026-12-03T01:00:00Z'))).toMatchObject({
      when: 'today',
      day: 'thu',
    });
  });

  it('reads a store in another time zone in its own', () => {
    // 20:50 in Los Angeles is 23:50 in New York: a New York store is closed until the morning.
    const now = la('02', '20:50');
    expect(nextPickup(WEEK, 'America/New_York', now)).toMatchObject({ when: 'tomorrow', day: 'thu' });
    expect(nextPickup(WEEK, LA, now)).toMatchObject({ when: 'tomorrow', day: 'thu' });
    const late = { ...WEEK, wed: '09:00-22:00' };
    expect(nextPickup(late, LA, now)).toMatchObject({ when: 'today', time_zone: LA });
    expect(nextPickup(late, 'America/New_York', now)).toMatchObject({ when: 'tomorrow' });
  });

  it('never opens when every day is closed', () => {
    const closed = Object.fromEntries(Object.keys(WEEK).map((d) => [d, 'closed'])) as WeekHours;
    expect(nextPickup(closed, LA, la('02', '12:00'))).toBeNull();
  });
});
