/** Money is held in dollars at rest and computed in integer cents, so sums never drift. */
export const toCents = (dollars: number): number => Math.round(dollars * 100);
export const fromCents = (cents: number): number => Math.round(cents) / 100;

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
export const formatMoney = (dollars: number): string => usd.format(dollars);

/** Multiplies a dollar amount by a rate, rounding half away from zero to the cent. */
export const percentOf = (dollars: number, rate: number): number =>
  fromCents(Math.round(toCents(dollars) * rate));

export const sumMoney = (amounts: readonly number[]): number =>
  fromCents(amounts.reduce((total, amount) => total + toCents(amount), 0));
