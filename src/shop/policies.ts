import { z } from 'zod';

/**
 * The shop's policies as its customers ask about them: how they can pay, how returns and exchanges
 * work, where account help lives, and free-text questions and answers. The support flow answers only
 * from these (and the rest of the shop file); what they do not say is never guessed.
 */

const url = z.url({ protocol: /^https?$/ });

/** Returns rules, or the policy in the shop's own words (kept as `text`). */
export const returnsSchema = z
  .union([
    z.string().trim().min(1),
    z
      .object({
        /** Days a customer has to ask for a return, counted from delivery. */
        window_days: z.number().int().min(1).max(3650),
        /** Categories that cannot be returned (catalogue category ids: "underwear", "gift-cards"). */
        excluded_categories: z.array(z.string().trim().min(1)).default([]),
        /** What state items must come back in: "unused, in the original packaging". */
        condition: z.string().trim().min(1).optional(),
        /** The state some categories must come back in instead: clothes "unworn and unwashed, with the tags on". */
        conditions: z
          .array(
            z
              .object({
                categories: z.array(z.string().trim().min(1)).min(1),
                condition: z.string().trim().min(1),
              })
              .strict(),
          )
          .default([]),
        /** Who pays to send a return back: "free", "the customer", "$4.95 taken off the refund". */
        return_shipping: z.string().trim().min(1).optional(),
        /** How and when the money comes back. */
        refund: z.string().trim().min(1).optional(),
        /** Where returns are sent. */
        address: z.string().trim().min(1).optional(),
        /** What a customer does once a return is approved ("Print the label we email you and..."). */
        instructions: z.string().trim().min(1).optional(),
        /** The policy in full, as the shop words it; written from the fields above when absent. */
        text: z.string().trim().min(1).optional(),
      })
      .strict(),
  ])
  .transform((r) => {
    if (typeof r === 'string') return { text: r, window_days: null, excluded_categories: [] as string[] };
    const parts = [
      `Items can be returned within ${r.window_days} days of delivery${r.condition ? `, ${r.condition}` : ''}.`,
      ...r.conditions.map((c) => {
        const kinds = new Intl.ListFormat('en', { type: 'conjunction' }).format(
          c.categories.map((k) => k.replace(/-/g, ' ')),
        );
        return `${kinds.charAt(0).toUpperCase()}${kinds.slice(1)}: ${c.condition}.`;
      }),
      r.excluded_categories.length > 0
        ? `These cannot be returned: ${new Intl.ListFormat('en', { type: 'conjunction' }).format(r.excluded_categories.map((c) => c.replace(/-/g, ' ')))}.`
        : '',
      r.return_shipping ? `Return shipping: ${r.return_shipping}.` : '',
      r.refund ? `Refunds: ${r.refund}.` : '',
    ];
    return { ...r, text: r.text ?? parts.filter(Boolean).join(' ') };
  });

export const exchangesSchema = z
  .object({
    allowed: z.boolean(),
    /** How exchanges work, in the shop's words. */
    text: z.string().trim().min(1).optional(),
  })
  .strict();

export const accountSchema = z
  .object({
    password_reset_url: url.optional(),
    sign_up_url: url.optional(),
    /** Whether customers can order without an account. */
    guest_checkout: z.boolean().optional(),
    /** Anything else about accounts, in the shop's words (deleting one, changing the email...). */
    text: z.string().trim().min(1).optional(),
  })
  .strict();

export const faqSchema = z
  .array(
    z
      .object({
        question: z.string().trim().min(3),
        answer: z.string().trim().min(1),
        /** Other words customers use for it ("guarantee" for a warranty question). */
        keywords: z.array(z.string().trim().min(1)).default([]),
      })
      .strict(),
  )
  .default([]);

export type Returns = z.output<typeof returnsSchema>;
export type FaqEntry = z.output<typeof faqSchema>[number];
