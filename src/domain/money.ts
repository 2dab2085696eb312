/**
 * Money is held in major units at rest (12.5 dollars, 1200 yen) and summed in integer hundredths, so sums
 * never drift; that is exact for every currency with at most two minor digits, which is all a shop may use.
 * Rates (discounts, point values) round to the shop currency's own minor unit: cents, or whole yen.
 */
export const toCents = (amount: number): number => Math.round(amount * 100);
export const fromCents = (cents: number): number => Math.round(cents) / 100;

/** How many minor digits a currency has: 2 for USD and EUR, 0 for JPY. */
export const currencyDigits = (currency: string): number =>
  new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;

/** Rounds an amount to the currency's minor unit, half away from zero. */
export const roundMoney = (amount: number, digits: number): number => {
  const scale = 10 ** digits;
  return (Math.sign(amount) * Math.round(Math.abs(amount) * scale)) / scale;
};

/** Multiplies an amount by a rate, rounding to the currency's minor unit. */
export const percentOf = (amount: number, rate: number, digits: number): number =>
  roundMoney(fromCents(toCents(amount) * rate), digits);

export const sumMoney = (amounts: readonly number[]): number =>
  fromCents(amounts.reduce((total, amount) => total + toCents(amount), 0));

/** Formats amounts in the shop's currency and locale: "$1,299.00", "1.299,00 €", "￥1,299". */
export function moneyFormatter(currency: string, locale: string): (amount: number) => string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  return (amount) => format.format(amount);
}
