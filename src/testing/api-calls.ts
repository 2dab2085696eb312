import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { hs256 } from './tokens.js';

/**
 * Headers signing a request in as `sub` (with `{ role: 'admin' }` for staff), for tests. A test with its
 * own clock passes it: the token is issued at that clock's time, as the app reads it.
 */
export const signedIn =
  (secret: string, clock?: () => Date) =>
  (sub: string, extra: object = {}): Record<string, string> => ({
    authorization: `Bearer ${hs256({ sub, ...extra }, secret, 3600, clock?.())}`,
  });

export type Call = (
  method: 'GET' | 'POST',
  url: string,
  headers: Record<string, string>,
  payload?: object,
) => Promise<LightMyRequestResponse>;

/** `app.inject` in one line; `app` is read at call time, so tests may build it in `beforeAll`. */
export const caller =
  (app: () => FastifyInstance): Call =>
  (method, url, headers, payload) =>
    app().inject({ method, url, headers, ...(payload ? { payload } : {}) });

export interface PlacedOrder {
  order_id: string;
  total: number;
  points_earned: number;
}

/** Puts one silver LAPTOP001 in the customer's cart through the REST API. */
export const addOneLaptop = (call: Call, headers: Record<string, string>, user: string) =>
  call('POST', '/api/cart/operation', headers, {
    action: 'add',
    user_id: user,
    product_id: 'LAPTOP001',
    color: 'silver',
  });

/** Puts one silver LAPTOP001 in the customer's cart and checks out, as the REST API does. */
export async function orderOneLaptop(
  call: Call,
  headers: Record<string, string>,
  user: string,
): Promise<PlacedOrder> {
  await addOneLaptop(call, headers, user);
  const placed = (
    await call('POST', '/api/cart/operation', headers, { action: 'checkout', user_id: user })
  ).json();
  if (placed.status !== 'placed') throw new Error(`checkout for ${user} was ${JSON.stringify(placed)}`);
  return placed.order as PlacedOrder;
}
