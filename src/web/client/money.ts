import { createContext, h, type ComponentChildren } from 'preact';
import { useContext, useEffect, useMemo, useState } from 'preact/hooks';
import { moneyFormatter } from '../../domain/money.js';

/** How the shop writes amounts (GET /api/shop): the same currency and locale as the assistant's replies. */
export interface ShopMoney {
  currency: string;
  locale: string;
}

/**
 * Formats amounts as the shop does (the replies' own formatter): "$1,299.99", "1.299,99 €", "￥1,299". Until the shop's currency is
 * known, a plain number with two decimals - never a currency symbol that may be the wrong one.
 */
export function moneyFormat(shop: ShopMoney | null): (amount: number) => string {
  if (shop) return moneyFormatter(shop.currency, shop.locale);
  const plain = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return (amount) => plain.format(amount);
}

/** What language models cost: always US dollars (the providers' prices), to a hundredth of a cent. */
export function modelCostFormat(shop: ShopMoney | null): (amount: number) => string {
  const format = new Intl.NumberFormat(shop?.locale, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
  });
  return (amount) => format.format(amount);
}

/** The shop's money format for every card, drawer and console page under it. */
export const ShopMoneyContext = createContext<ShopMoney | null>(null);

/** Formats an amount in the shop's currency and locale (see `moneyFormat`). */
export function useMoney(): (amount: number) => string {
  const shop = useContext(ShopMoneyContext);
  return useMemo(() => moneyFormat(shop), [shop]);
}

/** Formats a language model's cost (see `modelCostFormat`). */
export function useModelCost(): (amount: number) => string {
  const shop = useContext(ShopMoneyContext);
  return useMemo(() => modelCostFormat(shop), [shop]);
}

/** The shop's currency and locale from its public GET /api/shop; null when it can't be had. */
export async function shopMoney(base: string): Promise<ShopMoney | null> {
  try {
    const res = await fetch(`${base}/api/shop`);
    if (!res.ok) return null;
    const body = (await res.json()) as { currency?: unknown; locale?: unknown };
    if (typeof body.currency !== 'string' || typeof body.locale !== 'string') return null;
    // A currency or locale this browser can't format falls back to plain numbers rather than breaking.
    moneyFormat({ currency: body.currency, locale: body.locale });
    return { currency: body.currency, locale: body.locale };
  } catch {
    return null;
  }
}

/** Gives everything under it the shop's money format, asked of the shop at `base` once. */
export function ShopMoneyProvider({ base, children }: { base: string; children: ComponentChildren }) {
  const [shop, setShop] = useState<ShopMoney | null>(null);
  useEffect(() => {
    void shopMoney(base).then(setShop);
  }, [base]);
  // Written without JSX so the server's tests can import this module too.
  return h(ShopMoneyContext.Provider, { value: shop }, children);
}
