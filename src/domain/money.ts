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

/** Rates count to a millionth (8.875% is 0.08875), so a rate times whole cents is a whole number. */
const RATE_SCALE = 1_000_000;

/**
 * Multiplies an amount by a rate (0 or more), rounding half away from zero to the currency's minor unit. It works in
 * whole millionths of a cent: in floating point 2.00 x 7.25% is 14.4999... cents, which rounds half a cent
 * the wrong way, and rounding to cents before yen would round twice.
 */
export const percentOf = (amount: number, rate: number, digits: number): number => {
  const cents = toCents(amount);
  const unit = BigInt(RATE_SCALE * 10 ** (2 - digits)); // one minor unit, in millionths of a cent
  const scaled = BigInt(Math.abs(cents)) * BigInt(Math.round(rate * RATE_SCALE));
  const minorUnits = Number((scaled + unit / 2n) / unit);
  return fromCents((cents < 0 ? -minorUnits : minorUnits) * 10 ** (2 - digits));
};

export const sumMoney = (amounts: readonly number[]): number =>
  fromCents(amounts.reduce((total, amount) => total + toCents(amount), 0));

/** Formats amounts in the shop's currency and locale: "$1,299.00", "1.299,00 €", "￥1,299". */
export function moneyFormatter(currency: string, locale: string): (amount: number) => string {
  const format = new Intl.NumberFormat(locale, { style: 'currency', currency });
  return (amount) => format.format(amount);
}
