import type { BrowsingRecord, Customer, Product, PurchaseRecord } from './types.js';

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
