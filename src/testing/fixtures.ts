import type { LoyaltySettings } from '../domain/loyalty.js';
import { loadShop } from '../shop/load-shop.js';
import type { Shop } from '../shop/shop.js';
import { newCustomer } from '../domain/customer.js';
import type { Customer, Product, StockLevel, Store } from '../domain/types.js';
import type { CreditProgram } from '../domain/sale-credit.js';
import type { PaymentRules } from '../agents/cart/checkout.js';

const AT = '2026-01-01T00:00:00.000Z';

export function makeProduct(overrides: Partial<Product> & { product_id: string }): Product {
  return {
    name: `Product ${overrides.product_id}`,
    description: 'A test product.',
    price: 100,
    category: 'laptops',
    brand: 'Acme',
    status: 'active',
    is_featured: false,
    image_url: '',
    tags: [],
    attributes: {},
    variants: [{ sku: overrides.product_id, color: null, size: null }],
    rating: 4,
    popularity: 0,
    created_at: AT,
    updated_at: AT,
    ...overrides,
  };
}

export function makeCustomer(overrides: Partial<Customer> & { user_id: string }): Customer {
  return newCustomer(
    overrides.user_id,
    { name: 'Test Customer', email: `${overrides.user_id}@example.com`, is_guest: false, ...overrides },
    AT,
  );
}

export function makeStore(overrides: Partial<Store> & { store_id: string }): Store {
  return {
    name: `Store ${overrides.store_id}`,
    address: '1 Main St',
    city: 'San Francisco',
    location: { lat: 37.7749, lng: -122.4194 },
    same_day_delivery: false,
    opening_hours: '9:00-21:00',
    ...overrides,
  };
}

export const stock = (product: Product, location_id: string, quantity: number, variant = 0): StockLevel => ({
  sku: product.variants[variant]?.sku ?? product.product_id,
  product_id: product.product_id,
  location_id,
  quantity,
});

/** The sample shop's configuration, for tests that need a shop without loading a file. */
export const testShop: Shop = loadShop(undefined);

/** The sample shop's loyalty programme with the default redemption settings, in dollars. */
export const testLoyalty: LoyaltySettings = {
  ...testShop.loyalty,
  min_redemption: 100,
  point_value: 0.1,
  digits: 2,
};

/** What unpaid orders may hold in tests: the configuration's defaults. */
export const TEST_PAYMENT_RULES: PaymentRules = {
  minutes: 60,
  max_unpaid: 3,
  unpaid_share: 0.5,
  guest: { minutes: 15, units_per_variant: 10, units_per_address: 20 },
};

/** The test shop's tiers and point value, as stores credit and reverse sales by them. */
export const TEST_PROGRAM: CreditProgram = {
  tiers: testLoyalty.tiers,
  point_value: testLoyalty.point_value,
  digits: testLoyalty.digits,
};
