import { z } from 'zod';

/**
 * How the shop's customers pay, from its shop file. With PAYMENT_PROVIDER=stripe they pay on the payment
 * page the agent links to (`online` says what that page takes); with the default, manual payments, they pay
 * by the ways listed here that the shop accepts, and the shop marks orders paid itself. A way not listed
 * is never offered.
 */

/** ISO 13616: two letters, two check digits, up to 30 letters or digits, whose mod-97 remainder is 1. */
function isIban(value: string): boolean {
  const iban = value.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const digits = (iban.slice(4) + iban.slice(0, 4)).replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let rest = 0;
  for (const d of digits) rest = (rest * 10 + Number(d)) % 97;
  return rest === 1;
}

/** ABA: 3, 7 and 1 times the digits in turn add up to a multiple of 10. */
const isRoutingNumber = (value: string): boolean =>
  [...value].reduce((sum, d, i) => sum + Number(d) * [3, 7, 1][i % 3]!, 0) % 10 === 0;

const text = z.string().trim().min(1);

/** The token a bank transfer's reference must carry, so every transfer names the order it pays. */
export const ORDER_ID_TOKEN = '{order_id}';

const bankTransfer = z
  .object({
    /** Whose account customers pay into. */
    account_holder: text,
    bank: text.optional(),
    iban: text.refine(isIban, 'is not a valid IBAN (its check digits do not match)').optional(),
    bic: z
      .string()
      .trim()
      .regex(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'must be a BIC of 8 or 11 characters')
      .optional(),
    account_number: text.optional(),
    /** A US ABA routing number. */
    routing_number: z
      .string()
      .trim()
      .regex(/^\d{9}$/, 'must be 9 digits')
      .refine(isRoutingNumber, 'is not a valid ABA routing number (its check digit does not match)')
      .optional(),
    /** A UK sort code, "12-34-56". */
    sort_code: z
      .string()
      .trim()
      .regex(/^\d{2}-?\d{2}-?\d{2}$/, 'must be six digits, as 12-34-56')
      .optional(),
    /** What the transfer's reference must say, with {order_id} where the order's id goes. */
    reference: text
      .refine(
        (r) => r.includes(ORDER_ID_TOKEN),
        `must contain ${ORDER_ID_TOKEN}, so a transfer names its order`,
      )
      .refine((r) => !/\{(?!order_id\})[^}]*\}/.test(r), `may contain no placeholder but ${ORDER_ID_TOKEN}`)
      .default(ORDER_ID_TOKEN),
    /** Anything else, in the shop's words ("Transfers take up to a business day to reach us."). */
    note: text.optional(),
  })
  .strict()
  .refine((b) => b.iban || b.account_number, 'needs an iban or an account_number');

const payAtPickup = z
  .object({
    /** What the store's till takes: "cash", "card". Empty: said as "when you collect it". */
    accepts: z.array(text).default([]),
    note: text.optional(),
  })
  .strict();

const cashOnDelivery = z
  .object({
    /** In the shop's words: "Please have the exact amount ready; the courier carries no change." */
    note: text.optional(),
  })
  .strict();

/** `true` for a way the shop accepts with nothing more to say; `false`, null or absent for one it does not. */
const accepted = <T extends z.ZodType>(details: T) =>
  z.preprocess((v) => (v === true ? {} : v === false ? null : v), details.nullable().default(null));

export const paymentsSchema = z
  .object({
    /** What the online payment page takes (PAYMENT_PROVIDER=stripe): "Visa", "Apple Pay". Said as written. */
    online: z.array(text).default([]),
    bank_transfer: bankTransfer.nullable().default(null),
    pay_at_pickup: accepted(payAtPickup),
    cash_on_delivery: accepted(cashOnDelivery),
  })
  .strict();

export type Payments = z.output<typeof paymentsSchema>;
export type BankTransfer = NonNullable<Payments['bank_transfer']>;
export type ManualMethod = 'bank_transfer' | 'pay_at_pickup' | 'cash_on_delivery';

/**
 * The manual ways to pay that fit an order collected at a store (`pickup`) or delivered (`ship`), in the
 * order they are offered; all the shop accepts when the order is not known.
 */
export function manualMethodsFor(payments: Payments, fulfilment?: 'ship' | 'pickup'): ManualMethod[] {
  return [
    payments.bank_transfer ? ('bank_transfer' as const) : null,
    payments.pay_at_pickup && fulfilment !== 'ship' ? ('pay_at_pickup' as const) : null,
    payments.cash_on_delivery && fulfilment !== 'pickup' ? ('cash_on_delivery' as const) : null,
  ].filter((m) => m !== null);
}

/** The reference a transfer for this order must carry. */
export const transferReference = (bank: BankTransfer, orderId: string): string =>
  bank.reference.split(ORDER_ID_TOKEN).join(orderId);
