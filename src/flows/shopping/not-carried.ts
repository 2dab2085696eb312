import type { Recommendations } from '../../agents/recommendation/recommendation-agent.js';
import type { NotCarried } from '../../domain/product-types/catalogue-types.js';
import { lookupType, pluralPhrase } from '../../domain/product-types/taxonomy.js';
import { list } from '../../replies/phrasing.js';
import type { ReplyContext } from '../flow.js';

/** A category as customers read it: "t-shirts" stays, "sports-outdoor" is "sports & outdoor". */
const shown = (category: string): string => (lookupType(category) ? category : category.replace(/-/g, ' & '));

/** The nearest categories by what they hold: "hoodies and jackets", or "our home range (table lamps, cushions)". */
function nearestOf(verdict: NotCarried): string {
  const ranges = verdict.nearest.filter((n) => n.holds.length > 0);
  if (ranges.length === 1 && verdict.nearest.length === 1) {
    return `our ${shown(ranges[0]!.category)} range (${list(ranges[0]!.holds)})`;
  }
  return list(verdict.nearest.map((n) => shown(n.category)));
}

/**
 * The reply to a kind of product the shop doesn't carry: said plainly with the customer's own word,
 * then what sits nearest in the catalogue, with the products offered instead clearly labelled so.
 */
export function notCarriedText(verdict: NotCarried, offer: Recommendations, ctx: ReplyContext): string {
  const sorry = `We don't carry ${pluralPhrase(verdict.said)}.`;
  const nearest = nearestOf(verdict);
  if (verdict.relation === 'none')
    return `${sorry} What we do sell: ${nearest}. Shall I show you any of those?`;
  if (verdict.relation === 'department') {
    const department = verdict.type.department.toLowerCase();
    return `${sorry} In ${department} we have ${nearest} - would any of those do?`;
  }
  const n = offer.products.length;
  if (n === 0) return `${sorry} The nearest we have is ${nearest}, but nothing there matches right now.`;
  const intro = `${sorry} The nearest we have is ${nearest}`;
  const ask = 'Would one of these do, or shall I look for something else?';
  if (ctx.cards) return `${intro}; here ${n === 1 ? 'is one' : `are ${n}`} of those instead.\n${ask}`;
  const lines = offer.products.map((p, i) => `${i + 1}. ${p.name} - ${ctx.money(p.price)}`);
  return [`${intro}. Instead, from there:`, ...lines, ask].join('\n');
}
