import type { CartView } from '../../agents/cart/cart-view.js';

/** A line of the earlier order as it went back into the cart: at today's price. */
export interface ReorderedLine {
  name: string;
  color: string | null;
  size: string | null;
  quantity: number;
  price: number;
}

/** A line of the earlier order that could not go back in, and why. */
export interface MissedLine {
  name: string;
  color: string | null;
  size: string | null;
  /** `gone`: no longer sold; `variant`: that colour or size no longer is; `stock`: not enough online. */
  reason: 'gone' | 'variant' | 'stock' | 'limit';
  /** Units that could be had online, for `stock`. */
  available?: number;
}

/** Buying an earlier order again: what went into the cart, what could not, or no order to repeat. */
export type ReorderResult =
  | { kind: 'none'; named: string | null }
  | {
      kind: 'reordered';
      order_id: string;
      placed_at: string;
      added: ReorderedLine[];
      /** Lines the cart already held as many of (the order asked for twice): left as they were. */
      already: Omit<ReorderedLine, 'price'>[];
      missed: MissedLine[];
      cart: CartView;
    };

declare module '../conversation.js' {
  interface AgentResults {
    reorder?: ReorderResult;
  }
}
