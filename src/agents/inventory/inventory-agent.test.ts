import { beforeEach, describe, expect, it } from 'vitest';
import { ONLINE_LOCATION } from '../../domain/types.js';
import type { Storage } from '../../storage/ports.js';
import { createSqliteStorage } from '../../storage/sqlite/index.js';
import { makeProduct, makeStore, stock, testShop } from '../../testing/fixtures.js';
import { createInventoryAgent, type InventoryAgent } from './inventory-agent.js';

const tee = makeProduct({
  product_id: 'T1',
  variants: [
    { sku: 'T1-BLACK-M', color: 'black', size: 'M' },
    { sku: 'T1-WHITE-M', color: 'white', size: 'M' },
  ],
});
const SF = { lat: 37.7749, lng: -122.4194 };

describe('inventory agent', () => {
  let storage: Storage;
  let agent: InventoryAgent;
  let clock = 0;
  beforeEach(async () => {
    storage = await createSqliteStorage(':memory:');
    await storage.products.upsertMany([tee]);
    await storage.inventory.upsertStores([
      makeStore({
        store_id: 'DOWNTOWN',
        name: 'Downtown',
        location: { lat: 37.7841, lng: -122.4075 },
        same_day_delivery: true,
      }),
      makeStore({ store_id: 'OAKLAND', name: 'Oakland', location: { lat: 37.8096, lng: -122.269 } }),
      makeStore({ store_id: 'SEATTLE', name: 'Seattle', location: { lat: 47.6097, lng: -122.3422 } }),
    ]);
    await storage.inventory.setStock([
      stock(tee, ONLINE_LOCATION, 0, 0),
      stock(tee, ONLINE_LOCATION, 7, 1),
      stock(tee, 'DOWNTOWN', 1, 0),
      stock(tee, 'OAKLAND', 4, 0),
      stock(tee, 'SEATTLE', 9, 0),
    ]);
    clock = 0;
    agent = createInventoryAgent({
      shop: testShop,
      ...storage,
      settings: { default_radius: 50, cache_ttl: 300 },
      now: () => new Date(clock),
    });
  });

  it('lists stores within the radius nearest first, with distances and pickup', async () => {
    const a = await agent.check({ product_id: 'T1', color: 'black', size: 'M', location: SF });
    expect(a?.variant?.sku).toBe('T1-BLACK-M');
    expect(a?.online_quantity).toBe(0);
    expect(a?.in_stock).toBe(true);
    expect(a?.nearby_stores.map((s) => s.store_id)).toEqual(['DOWNTOWN', 'OAKLAND']);
    expect(a?.nearby_stores[0]?.distance_km).toBeCloseTo(1.5, 0);
    expect(a?.fulfilment).toEqual([
      { type: 'ship', available: false, method: 'Standard', eta_days_min: 2, eta_days_max: 5 },
      {
        type: 'pickup',
        available: true,
        store_id: 'DOWNTOWN',
        store_name: 'Downtown',
        distance_km: a?.nearby_stores[0]?.distance_km,
        // The clock reads 16:00 on a Wednesday in the shop's time zone; the store closes at 21:00.
        ready: {
          when: 'today',
          time_zone: 'America/Los_Angeles',
          day: 'wed',
          opens: '9:00',
          closes: '21:00',
        },
      },
      { type: 'same_day', available: true, store_id: 'DOWNTOWN', store_name: 'Downtown' },
    ]);
  });

  it("offers pickup from the store's next opening once it has closed for the day", async () => {
    clock = Date.parse('1970-01-01T06:00:00Z'); // 22:00 on Wednesday in Los Angeles
    const a = await agent.check({ product_id: 'T1', color: 'black', size: 'M', location: SF });
    expect(a?.nearby_stores[0]?.pickup).toEqual({
      when: 'tomorrow',
      time_zone: 'America/Los_Angeles',
      day: 'thu',
      opens: '9:00',
      closes: '21:00',
    });
  });

  it('only counts stores holding the quantity asked for', async () => {
    const a = await agent.check({ product_id: 'T1', color: 'black', quantity: 3, location: SF });
    expect(a?.nearby_stores.map((s) => s.store_id)).toEqual(['OAKLAND']);
    expect(a?.fulfilment.find((f) => f.type === 'same_day')?.available).toBe(false);
  });

  it('ships what the online warehouse holds and says when it does not know where the customer is', async () => {
    const a = await agent.check({ product_id: 'T1', color: 'white' });
    expect(a).toMatchObject({ online_quantity: 7, in_stock: true, located: false, nearby_stores: [] });
    expect(await agent.check({ product_id: 'missing' })).toBeNull();
  });

  it('caches the store list for cache_ttl seconds, never the stock', async () => {
    expect((await agent.storesNear(SF)).length).toBe(2);
    await storage.inventory.upsertStores([
      makeStore({ store_id: 'MISSION', location: { lat: 37.76, lng: -122.42 } }),
    ]);
    expect((await agent.storesNear(SF)).length).toBe(2);
    clock = 301_000;
    expect((await agent.storesNear(SF)).length).toBe(3);
    await storage.inventory.setStock([stock(tee, ONLINE_LOCATION, 5, 0)]);
    expect((await agent.check({ product_id: 'T1', color: 'black' }))?.online_quantity).toBe(5);
  });
});
