import { Faker, en } from '@faker-js/faker';
import { purchaseOf, viewOf } from '../domain/customer.js';
import { tierForSpend } from '../domain/loyalty.js';
import { loadShop } from '../shop/load-shop.js';

/** The sample customers belong to the sample shop, and so to its loyalty programme. */
const SAMPLE_PROGRAMME = loadShop(undefined).loyalty;
import type { Customer, Product } from '../domain/types.js';
import { SAMPLE_STORES, at } from './sample-data.js';

const SPEND_BY_TIER: [number, number][] = [
  [0, 480],
  [520, 1950],
  [2100, 4900],
  [5200, 14000],
];

/** 60 customers spread over every tier, with histories drawn from `products`; the first is `user123`. */
export function generateCustomers(products: readonly Product[], count = 60, seed = 7): Customer[] {
  const f = new Faker({ locale: [en], seed });
  const byId = new Map(products.map((p) => [p.product_id, p]));
  const customers: Customer[] = [];
  for (let i = 0; i < count; i++) {
    const [min, max] = SPEND_BY_TIER[i % SPEND_BY_TIER.length] ?? [0, 100];
    const first = f.person.firstName();
    const last = f.person.lastName();
    const store = f.helpers.arrayElement(SAMPLE_STORES);
    const bought = f.helpers.arrayElements(products, { min: 1, max: 6 });
    const browsed = f.helpers.arrayElements(products, { min: 2, max: 8 });
    const totalSpent = Math.round(f.number.float({ min, max }) * 100) / 100;
    customers.push({
      user_id: `customer${String(i).padStart(3, '0')}`,
      name: `${first} ${last}`,
      email: f.internet.email({ firstName: first, lastName: last, provider: 'example.com' }).toLowerCase(),
      loyalty_tier: tierForSpend(totalSpent, SAMPLE_PROGRAMME),
      loyalty_points: f.number.int({ min: 0, max: 4000 }),
      total_spent: totalSpent,
      preferences: {
        categories: [...new Set(bought.slice(0, 2).map((p) => p.category))],
        brands: f.helpers.arrayElements([...new Set(bought.map((p) => p.brand))], { min: 0, max: 2 }),
        colors: f.helpers.arrayElements(['black', 'blue', 'grey', 'green', 'red', 'white'], {
          min: 0,
          max: 2,
        }),
      },
      past_purchases: bought.map((p, n) => purchaseOf(p, at(30 + n * 20))),
      browsing_history: browsed.map((p, n) => viewOf(p, at(1 + n))),
      location: {
        lat: Math.round((store.location.lat + f.number.float({ min: -0.05, max: 0.05 })) * 1e4) / 1e4,
        lng: Math.round((store.location.lng + f.number.float({ min: -0.05, max: 0.05 })) * 1e4) / 1e4,
      },
      communication_preferences: { email: f.datatype.boolean(), sms: f.datatype.boolean() },
      is_guest: false,
      created_at: at(500 - i),
      updated_at: at(1),
    });
  }
  const pick = (id: string) => byId.get(id);
  const headphones =
    products.find((p) => p.category === 'headphones' && p.brand === 'Northwind') ??
    products.find((p) => p.category === 'headphones');
  const tee = products.find((p) => p.category === 't-shirts');
  customers[0] = {
    ...(customers[0] as Customer),
    user_id: 'user123',
    name: 'Alex Morgan',
    email: 'alex.morgan@example.com',
    loyalty_tier: 'silver',
    loyalty_points: 850,
    total_spent: 1250,
    preferences: { categories: ['laptops', 'headphones'], brands: ['Northwind'], colors: ['grey', 'black'] },
    past_purchases: [headphones, tee]
      .filter((p): p is Product => p !== undefined)
      .map((p, n) => purchaseOf(p, at(40 + n * 60))),
    browsing_history: [pick('LAPTOP001')]
      .filter((p): p is Product => p !== undefined)
      .map((p) => viewOf(p, at(2))),
    location: { lat: 37.7749, lng: -122.4194 },
  };
  return customers;
}
