import type { SalesStateType } from '../graph/state.js';
import type { AgentResults } from '../graph/types.js';
import { addText, cartText, changeText, checkoutText, ordersText, quoteText } from './cart.js';
import { redemptionText, statusText } from './loyalty.js';
import { money, vary } from './phrasing.js';
import { availabilityText, detailsText, recommendationsText } from './shopping.js';

/**
 * The offline reply: well-formed text built only from the agents' results, so every name, price,
 * quantity and point balance in it comes from data.
 */
export function composeReply(state: SalesStateType): string {
  const seed = state.turn;
  const r: AgentResults = state.results;
  const firstName = state.customer && !state.customer.is_guest ? state.customer.name.split(' ')[0] : null;
  const quote = r.loyalty?.kind === 'quote' ? r.loyalty.quote : undefined;

  switch (state.intent) {
    case 'greeting':
      return vary(seed, [
        `Hi${firstName ? ` ${firstName}` : ''}! I can help you find products, check stock near you, manage your cart and use your rewards. What are you shopping for today?`,
        `Hello${firstName ? ` ${firstName}` : ''}! Looking for something in particular? I can recommend products, check availability or sort out your cart.`,
      ]);
    case 'thanks':
      return vary(seed, [
        "You're welcome! Anything else I can help with?",
        'Happy to help! Let me know if you need anything else.',
      ]);
    case 'goodbye':
      return vary(seed, [
        'Bye for now - your cart will be here when you come back!',
        'Thanks for stopping by. See you soon!',
      ]);
    case 'support':
      return vary(seed, [
        'Sorry you need help. Returns are free within 30 days of delivery, and our support team can sort out anything about an order. Tell me your order number and what happened, or ask to speak to a person and I will pass you on.',
        "I'm here to help. For returns, refunds or a problem with an order, share the order number and a short description and I'll get it to our support team. You can also ask for a person at any time.",
      ]);
    case 'general_chat':
      return vary(seed, [
        "I'm the shop's sales assistant. I can find products, compare options, check stock and delivery, manage your cart and your loyalty points. What would you like to do?",
        'I can help you shop: try "show me laptops under $1000", "is it in stock near Oakland?" or "what\'s in my cart?".',
      ]);
    default:
      break;
  }

  const parts: string[] = [];
  if (r.recommendation?.kind === 'recommendations') {
    const availability = r.inventory?.kind === 'availability' ? r.inventory.availability : undefined;
    parts.push(recommendationsText(r.recommendation, seed, availability));
  } else if (r.recommendation?.kind === 'details') {
    parts.push(detailsText(r.recommendation.product, seed));
    if (r.inventory?.kind === 'availability' && r.inventory.availability.nearby_stores[0]) {
      const s = r.inventory.availability.nearby_stores[0];
      parts.push(`You can pick it up today at ${s.name} (${s.distance_km} km away).`);
    }
  } else if (r.recommendation?.kind === 'not_found') {
    parts.push(
      "I'm not sure which product you mean. Could you say its name, or pick a number from the list?",
    );
  } else if (r.inventory?.kind === 'availability') {
    parts.push(availabilityText(r.inventory.availability, seed));
  } else if (r.inventory?.kind === 'stores') {
    const inv = r.inventory;
    parts.push(
      !inv.located
        ? 'Which product would you like me to check, and which city are you in?'
        : inv.stores.length === 0
          ? `We don't have a store within reach${inv.place ? ` of ${inv.place}` : ''}, but we ship everywhere in 2-5 business days.`
          : `Stores near ${inv.place ?? 'you'}:\n${inv.stores.map((s) => `- ${s.name}, ${s.address}, ${s.city} (${s.distance_km} km)${s.same_day_delivery ? ', same-day delivery' : ''}`).join('\n')}\nWhich product should I check for you?`,
    );
  } else if (r.inventory?.kind === 'no_product') {
    parts.push("I couldn't find that product. Could you tell me which one you mean?");
  }

  const cart = r.cart;
  if (cart?.kind === 'add') parts.push(addText(cart.result, seed, quote));
  else if (cart?.kind === 'change') parts.push(changeText(cart.result, seed));
  else if (cart?.kind === 'checkout') parts.push(checkoutText(cart.result, seed));
  else if (cart?.kind === 'orders') parts.push(ordersText(cart.orders));
  else if (cart?.kind === 'no_product') {
    parts.push(
      cart.action === 'add'
        ? 'Which product would you like? You can say "the first one" or tell me its name.'
        : 'Which item in your cart do you mean? You can say its name or its number in the cart.',
    );
  } else if (cart?.kind === 'view' && state.intent === 'view_cart')
    parts.push(cartText(cart.cart, seed, quote));

  if (r.loyalty?.kind === 'status' && state.intent === 'loyalty') {
    parts.push(statusText(r.loyalty.status, seed));
    if (r.loyalty.quote) {
      parts.push(
        `On your current cart (${money(r.loyalty.quote.order_total)}): ${quoteText(r.loyalty.quote)}`,
      );
    }
  } else if (r.loyalty?.kind === 'redemption') parts.push(redemptionText(r.loyalty));

  return parts.filter(Boolean).join('\n\n') || "Sorry, I didn't catch that. Could you rephrase?";
}
