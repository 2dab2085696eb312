import { z } from 'zod';
import { accountSchema, exchangesSchema, faqSchema, returnsSchema } from './policies.js';
import { paymentsSchema } from './payments.js';
import { LOYALTY_TIERS } from '../domain/types.js';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

/** "09:00-20:00" or "closed"; a store open past midnight is not supported. */
const dayHours = z
  .string()
  .trim()
  .regex(/^(closed|([01]?\d|2[0-3]):[0-5]\d-([01]?\d|2[0-4]):[0-5]\d)$/, 'must be "HH:MM-HH:MM" or "closed"');

/** Opening before closing: a store open past midnight is not supported. */
const opensBeforeCloses = (span: string): boolean => {
  if (span === 'closed') return true;
  const [open, close] = span.split('-').map((t) => {
    const [h, m] = t.split(':').map(Number);
    return (h ?? 0) * 60 + (m ?? 0);
  });
  return open! < close!;
};
const openingSpan = dayHours.refine(opensBeforeCloses, 'must open before it closes');

const week = z
  .object(Object.fromEntries(DAYS.map((d) => [d, openingSpan])) as Record<Day, typeof openingSpan>)
  .strict();
export type WeekHours = z.infer<typeof week>;

const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));
const isCurrency = (code: string): boolean => CURRENCIES.has(code);
const isTimeZone = (zone: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};
const isLocale = (locale: string): boolean => {
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
};

const shippingMethod = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]{1,32}$/, 'must be lower-case letters, digits, _ or -'),
    name: z.string().trim().min(1),
    /** In the shop's currency. */
    cost: z.number().min(0),
    /** Orders whose goods reach this amount ship free by this method. */
    free_over: z.number().positive().optional(),
    min_days: z.number().int().min(0),
    max_days: z.number().int().min(0),
  })
  .strict()
  .refine((m) => m.max_days >= m.min_days, {
    message: 'max_days must not be less than min_days',
    path: ['max_days'],
  });

const tierRule = z
  .object({
    tier: z.enum(LOYALTY_TIERS),
    from: z.number().min(0),
    discount_rate: z.number().min(0).max(1),
    points_multiplier: z.number().min(0),
    free_shipping: z.boolean(),
  })
  .strict();

/** The sample programme, used when a shop file says nothing about loyalty. */
const DEFAULT_TIERS = [
  { tier: 'bronze', from: 0, discount_rate: 0, points_multiplier: 1, free_shipping: false },
  { tier: 'silver', from: 500, discount_rate: 0.05, points_multiplier: 1.25, free_shipping: false },
  { tier: 'gold', from: 2000, discount_rate: 0.1, points_multiplier: 1.5, free_shipping: true },
  { tier: 'platinum', from: 5000, discount_rate: 0.15, points_multiplier: 2, free_shipping: true },
] as const;

const loyalty = z
  .object({
    /** Every tier once, from the lowest (starting at 0) up, by lifetime spend in the shop's currency. */
    tiers: z
      .array(tierRule)
      .default(DEFAULT_TIERS.map((t) => ({ ...t })))
      .refine((tiers) => LOYALTY_TIERS.every((t) => tiers.filter((r) => r.tier === t).length === 1), {
        message: `must list each of ${LOYALTY_TIERS.join(', ')} once`,
      })
      .refine(
        (tiers) => tiers[0]?.from === 0 && tiers.every((t, i) => i === 0 || t.from > tiers[i - 1]!.from),
        {
          message: 'must start at 0 and rise in lifetime spend',
        },
      ),
    /** Redeemed points may pay for at most this share of an order's goods. */
    max_redemption_share: z.number().min(0).max(1).default(0.5),
  })
  .strict();

/** Rates count to a millionth (8.875% is 0.08875): money code works in whole millionths of a cent. */
const isMillionths = (rate: number): boolean => Math.abs(rate * 1e6 - Math.round(rate * 1e6)) < 1e-6;

/** Tax added on top of the prices (US sales tax); a shop whose prices include tax has none. */
const tax = z
  .object({
    /** A share: 0.0875 is 8.75%. */
    rate: z
      .number()
      .min(0)
      .lt(1, 'must be below 1 (a share of the price: 0.0875 is 8.75%)')
      .refine(isMillionths, 'must have at most six decimal places'),
    /** What receipts call it: "Sales tax", "GST". */
    label: z.string().trim().min(1).max(40).default('Tax'),
    /** Whether shipping is taxed too; in most US states it is not. */
    on_shipping: z.boolean().default(false),
  })
  .strict();

/** The shop's own facts: every policy, fee, duration and opening time a reply states comes from here or from data. */
export const shopSchema = z
  .object({
    name: z.string().trim().min(1),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD, EUR or JPY')
      .refine(isCurrency, 'is not a currency this runtime knows'),
    locale: z.string().refine(isLocale, 'must be a BCP 47 locale such as en-US'),
    time_zone: z.string().refine(isTimeZone, 'must be an IANA time zone such as America/Los_Angeles'),
    contact: z
      .object({
        email: z.email().optional(),
        phone: z.string().trim().min(3).optional(),
        hours: z.string().trim().min(1).optional(),
        /** Other ways to reach a person: "WhatsApp +1 415 555 0100", "live chat on bayside.example". */
        channels: z.array(z.string().trim().min(1)).default([]),
      })
      .strict()
      .refine((c) => c.email || c.phone, 'needs an email or a phone number'),
    shipping: z.array(shippingMethod).min(1, 'needs at least one shipping method'),
    pickup: z
      .object({
        enabled: z.boolean(),
        /** Store hours by store id; a store not listed keeps the hours in the catalogue's store data. */
        opening_hours: z.record(z.string(), week).default({}),
        /** IANA time zones by store id, for stores outside the shop's own zone. */
        time_zones: z
          .record(
            z.string(),
            z.string().refine(isTimeZone, 'must be an IANA time zone such as America/New_York'),
          )
          .default({}),
      })
      .strict(),
    /** Same-day delivery from stores that offer it, within this distance; null for none. */
    same_day_delivery: z.object({ radius_km: z.number().positive() }).strict().nullable().default(null),
    /** Null (the default): prices include tax and no tax line is shown. */
    tax: tax.nullable().default(null),
    /** The returns policy: rules, or the shop's own words; null until the shop writes one. */
    returns: returnsSchema.nullable().default(null),
    exchanges: exchangesSchema.nullable().default(null),
    /** How customers pay: what the online payment page takes, and the manual ways the shop accepts. */
    payments: paymentsSchema.prefault({}),
    /** The older name of `payments.online`, still read. */
    payment_methods: z.array(z.string().trim().min(1)).optional(),
    account: accountSchema.nullable().default(null),
    /** Questions customers ask, answered in the shop's words. */
    faq: faqSchema,
    loyalty: loyalty.prefault({}),
    cart: z
      .object({ max_line_quantity: z.number().int().min(1).max(100_000).default(99) })
      .strict()
      .prefault({}),
    checkout: z
      .object({
        /** How long a "yes" can confirm the summary it answers. */
        confirmation_minutes: z
          .number()
          .int()
          .min(1)
          .max(24 * 60)
          .default(15),
      })
      .strict()
      .prefault({}),
  })
  .strict()
  .superRefine((shop, issue) => {
    if (shop.payment_methods?.length && shop.payments.online.length)
      issue.addIssue({
        code: 'custom',
        path: ['payment_methods'],
        message: 'is the older name of payments.online: give one of them',
      });
    if (shop.payments.pay_at_pickup && !shop.pickup.enabled)
      issue.addIssue({
        code: 'custom',
        path: ['payments', 'pay_at_pickup'],
        message: 'needs pickup.enabled: true (nobody collects, so nobody pays at pickup)',
      });
  })
  .transform(({ payment_methods, ...shop }) =>
    payment_methods?.length ? { ...shop, payments: { ...shop.payments, online: payment_methods } } : shop,
  );

export type Shop = z.output<typeof shopSchema>;
export type ShippingMethod = Shop['shipping'][number];
export { DAYS };
