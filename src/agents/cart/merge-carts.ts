import type { CartAgent } from './cart-agent.js';

/** What joining two carts did: lines moved whole, and the ones that stayed behind with the reason. */
export interface MergeResult {
  merged: number;
  skipped: { name: string; reason: string }[];
}

/**
 * Moves each line of `from`'s cart into `to`'s, whole, when stock and the shop's limits allow; a line
 * that can't move stays in `from`'s cart, so nothing is lost. Used when a guest signs in (web) and when
 * a number or chat that wrote as a guest joins an account (channels).
 */
export async function mergeCarts(
  cart: Pick<CartAgent, 'view' | 'add' | 'remove'>,
  from: string,
  to: string,
  actor: string,
): Promise<MergeResult> {
  const skipped: MergeResult['skipped'] = [];
  let merged = 0;
  if (from === to) return { merged, skipped };
  for (const line of (await cart.view(from)).items) {
    const added = await cart.add(to, {
      product_id: line.product_id,
      quantity: line.quantity,
      ...(line.color ? { color: line.color } : {}),
      ...(line.size ? { size: line.size } : {}),
      actor,
    });
    if (added.status === 'added') {
      merged += 1;
      // Only what moved leaves the first cart.
      await cart.remove(from, { sku: line.sku, actor });
    } else skipped.push({ name: line.name, reason: added.status });
  }
  return { merged, skipped };
}
