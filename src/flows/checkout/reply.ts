import type { ReplyContext } from '../flow.js';
import type { CheckoutResult } from '../../agents/cart/cart-agent.js';
import { percent, points, vary } from '../../replies/phrasing.js';
import { variantOf } from '../shared/cart-text.js';

export function checkoutText(r: CheckoutResult, ctx: ReplyContext): string {
  switch (r.status) {
    case 'placed': {
      const o = r.order;
      const rows = [
        vary(ctx.seed, ['Your order is placed!', 'Order confirmed!', 'All done - your order is in!']) +
          ` Order ${o.order_id}:`,
        ...o.items.map(
          (i) => `- ${i.quantity} x ${i.name}${variantOf(i.color, i.size)}: ${ctx.money(i.line_total)}`,
        ),
        `Subtotal: ${ctx.money(o.subtotal)}`,
        o.tier_discount > 0
          ? `${o.loyalty_tier} discount (${percent(o.tier_discount_rate)}): -${ctx.money(o.tier_discount)}`
          : '',
        o.points_redeemed > 0
          ? `${points(o.points_redeemed)} redeemed: -${ctx.money(o.points_discount)}`
          : '',
        o.fulfilment.type === 'pickup'
          ? 'Store pickup: free'
          : `Shipping: ${o.shipping === 0 ? 'free' : ctx.money(o.shipping)}`,
        `Total: ${ctx.money(o.total)}`,
        `You earned ${points(o.points_earned)}; your balance is now ${points(r.customer.loyalty_points)} (${r.customer.loyalty_tier}).`,
        'The order is awaiting payment.',
      ];
      return rows.filter(Boolean).join('\n');
    }
    case 'empty':
      return 'Your cart is empty, so there is nothing to check out yet. What are you looking for?';
    case 'out_of_stock':
      return r.available === 0
        ? `Sorry, the ${r.name} just sold out, so I couldn't place the order. Nothing was charged; want me to remove it?`
        : `Sorry, only ${r.available} of the ${r.name} are left, so I couldn't place the order. Shall I update the quantity?`;
    case 'redemption_refused':
      return `I couldn't apply those points: ${r.message} Nothing was ordered yet - say "checkout" to order without points, or redeem fewer.`;
    case 'no_pickup_store':
      return "No single store has everything in your cart for pickup. I can ship it instead - just say 'checkout'.";
    case 'cart_changed':
      return 'Your cart changed while I was placing the order. Please check it and try again.';
  }
}
