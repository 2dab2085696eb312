/**
 * What unpaid orders may set aside. An unpaid order takes its units off sale until it is paid or lapses;
 * without limits one free guest session could take a shop's whole stock off sale, again and again.
 */
export interface HoldLimits {
  /**
   * Share (above 0, up to 1) of a variant's units at a location that all unpaid orders together may
   * hold. Rounded up, so the last unit of a variant can always be ordered.
   */
  unpaid_share: number;
  /** Units of a variant this customer's unpaid orders may hold together (guests); no limit when absent. */
  per_customer?: number;
  /** Units of a variant that unpaid orders placed from the same address may hold together (guests). */
  per_address?: number;
}

/** Units of one variant as they stand when an order would set some aside. */
export interface HeldUnits {
  /** On hand at the location: available plus every reservation. */
  on_hand: number;
  /** Held there by unpaid orders, everyone's. */
  unpaid: number;
  /** Held by this customer's unpaid orders. */
  customer: number;
  /** Held by unpaid orders placed from this order's address; 0 when it has none. */
  address: number;
}

/** Which limit an order would break, the limit, and how many units it could still hold under it. */
export interface HoldRefusal {
  limit: 'share' | 'customer' | 'address';
  max: number;
  available: number;
}

/**
 * Why `quantity` more units of a variant cannot be held for an unpaid order, or null when they can. Of
 * the limits it breaks, the one leaving the least room is named, so the units it says can still be held
 * fit every limit.
 */
export function holdRefusal(quantity: number, held: HeldUnits, limits: HoldLimits): HoldRefusal | null {
  const checks: [HoldRefusal['limit'], number | undefined, number][] = [
    ['customer', limits.per_customer, held.customer],
    ['address', limits.per_address, held.address],
    // Less a hair, so 0.1 x 30 (3.0000000000000004 in floating point) is 3.
    ['share', Math.ceil(limits.unpaid_share * held.on_hand - 1e-9), held.unpaid],
  ];
  let tightest: HoldRefusal | null = null;
  for (const [limit, max, already] of checks) {
    if (max === undefined) continue;
    const available = Math.max(0, max - already);
    if (!tightest || available < tightest.available) tightest = { limit, max, available };
  }
  return tightest && quantity > tightest.available ? tightest : null;
}
