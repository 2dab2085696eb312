import { currencyDigits, moneyFormatter } from '../domain/money.js';
import type { Shop } from './shop.js';

/** The shop as replies and handlers see it: its configuration, its money, and the time. */
export interface ShopContext {
  shop: Shop;
  /** Minor digits of the shop's currency. */
  digits: number;
  /** Formats an amount in the shop's currency and locale. */
  money(amount: number): string;
  now(): Date;
}

export function createShopContext(shop: Shop, now: () => Date = () => new Date()): ShopContext {
  return {
    shop,
    digits: currencyDigits(shop.currency),
    money: moneyFormatter(shop.currency, shop.locale),
    now,
  };
}
