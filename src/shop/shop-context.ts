import { currencyDigits, moneyFormatter } from '../domain/money.js';
import type { Shop } from './shop.js';
import type { Clock } from '../domain/clock.js';

/** Who takes the money: the shop itself by the ways its file lists, or Stripe's payment page. */
export type PaymentMode = 'manual' | 'stripe';

/** The shop as replies and handlers see it: its configuration, its money, how it is paid, and the time. */
export interface ShopContext {
  shop: Shop;
  /** PAYMENT_PROVIDER: with `manual`, customers pay by the ways in `shop.payments`; with `stripe`, online. */
  paymentMode: PaymentMode;
  /** Minor digits of the shop's currency. */
  digits: number;
  /** Formats an amount in the shop's currency and locale. */
  money(amount: number): string;
  /** A moment as the shop's customers read it: date and time in the shop's time zone and locale. */
  dateTime(iso: string): string;
  /** A day as the shop's customers read it ("Nov 3"; with the year when it is not this year's). */
  date(iso: string): string;
  now(): Date;
}

export function createShopContext(shop: Shop, now: Clock, paymentMode: PaymentMode): ShopContext {
  const dateTimeFormat = new Intl.DateTimeFormat(shop.locale, {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: shop.time_zone,
  });
  // "10:57 AM" alone leaves a customer elsewhere guessing whose ten o'clock: the zone is named.
  const zoneFormat = new Intl.DateTimeFormat(shop.locale, {
    timeZone: shop.time_zone,
    timeZoneName: 'short',
  });
  const dayFormat = new Intl.DateTimeFormat(shop.locale, {
    month: 'short',
    day: 'numeric',
    timeZone: shop.time_zone,
  });
  const dayYearFormat = new Intl.DateTimeFormat(shop.locale, {
    dateStyle: 'medium',
    timeZone: shop.time_zone,
  });
  const yearFormat = new Intl.DateTimeFormat('en', { year: 'numeric', timeZone: shop.time_zone });
  const zoneOf = (date: Date) => zoneFormat.formatToParts(date).find((p) => p.type === 'timeZoneName')?.value;
  return {
    shop,
    paymentMode,
    digits: currencyDigits(shop.currency),
    money: moneyFormatter(shop.currency, shop.locale),
    dateTime: (iso) => {
      const date = new Date(iso);
      const zone = zoneOf(date);
      return zone ? `${dateTimeFormat.format(date)} ${zone}` : dateTimeFormat.format(date);
    },
    date: (iso) => {
      const date = new Date(iso);
      return yearFormat.format(date) === yearFormat.format(now())
        ? dayFormat.format(date)
        : dayYearFormat.format(date);
    },
    now,
  };
}
