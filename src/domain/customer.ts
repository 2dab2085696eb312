import type { BrowsingRecord, Customer, Product, PurchaseRecord } from './types.js';

/** What a guest session's customer id starts with (POST /api/sessions/guest). */
export const GUEST_SESSION_PREFIX = 'guest-';

/** The guest a channel makes for a sender it does not know, named after the number or chat. */
export const channelGuestOf = (kind: 'phone' | 'telegram', value: string): string => `${kind}:${value}`;

/**
 * Whether a customer id is one the product made for someone it does not know - a visitor's guest
 * session, or a number or chat that has not joined an account. Such customers cost nothing to make, so
 * what their unpaid orders may hold is limited more. Customers the shop signs in itself are never guests.
 */
export const isGuestId = (userId: string): boolean =>
  userId.startsWith(GUEST_SESSION_PREFIX) || /^(phone|telegram):/.test(userId);

/** A customer with no history: bronze, no points. Guests are created this way on first contact. */
export function newCustomer(
  userId: string,
  fields: Partial<Omit<Customer, 'user_id'>> = {},
  now: string,
): Customer {
  return {
    user_id: userId,
    name: 'Guest',
    email: '',
    loyalty_tier: 'bronze',
    loyalty_points: 0,
    total_spent: 0,
    preferences: {},
    past_purchases: [],
    browsing_history: [],
    location: null,
    communication_preferences: {},
    is_guest: true,
    created_at: now,
    updated_at: now,
    ...fields,
  };
}

export const purchaseOf = (p: Product, purchased_at: string, quantity = 1): PurchaseRecord => ({
  product_id: p.product_id,
  name: p.name,
  category: p.category,
  brand: p.brand,
  price: p.price,
  quantity,
  purchased_at,
});

export const viewOf = (
  p: Pick<Product, 'product_id' | 'category' | 'brand'>,
  viewed_at: string,
): BrowsingRecord => ({
  product_id: p.product_id,
  category: p.category,
  brand: p.brand,
  viewed_at,
});
