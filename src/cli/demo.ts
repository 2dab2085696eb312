import { moneyFormatter } from '../domain/money.js';
import { createInterface } from 'node:readline';
import type { AppContext } from '../app/app-context.js';
import type { ConversationResult } from '../engine.js';
import { plural } from '../replies/phrasing.js';

function cardsOf(result: ConversationResult, formatMoney: (amount: number) => string): string[] {
  const d = result.data;
  const lines: string[] = [];
  for (const [i, p] of (d.products ?? []).entries()) {
    lines.push(
      `  [${i + 1}] ${p.product_id} ${p.name} ${formatMoney(p.price)}${p.colors.length ? ` colours: ${p.colors.join('/')}` : ''}${p.sizes.length ? ` sizes: ${p.sizes.join('/')}` : ''}`,
    );
  }
  if (d.cart)
    lines.push(`  [cart] ${plural(d.cart.item_count, 'item')}, subtotal ${formatMoney(d.cart.subtotal)}`);
  if (d.order)
    lines.push(`  [order] ${d.order.order_id} total ${formatMoney(d.order.total)} (${d.order.status})`);
  if (d.loyalty) lines.push(`  [loyalty] ${d.loyalty.tier}, ${d.loyalty.points} points`);
  return lines;
}

/** An interactive terminal chat as one customer, showing the intent, agent and cards of each turn. */
export async function runDemo(ctx: AppContext, userId: string, sessionId?: string): Promise<void> {
  const money = moneyFormatter(ctx.config.shop.currency, ctx.config.shop.locale);
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  const customer = await ctx.storage.customers.get(userId);
  console.log(
    `Chatting as ${customer ? `${customer.name} (${userId}, ${customer.loyalty_tier})` : `guest ${userId}`}. Type "quit" to leave.\n`,
  );
  let session = sessionId;
  rl.setPrompt('you> ');
  rl.prompt();
  // Reading lines as they come works for a terminal and for piped input alike.
  for await (const line of rl) {
    const message = line.trim();
    if (['quit', 'exit'].includes(message.toLowerCase())) break;
    if (message) {
      try {
        const result = await ctx.engine.processSalesConversation({
          userId,
          channel: 'cli',
          message,
          ...(session ? { sessionId: session } : {}),
        });
        session = result.session_id;
        console.log(`\nagent> ${result.response}`);
        console.log(
          `  (intent: ${result.current_intent} ${result.confidence.toFixed(2)}, agent: ${result.last_agent}, cart: ${result.cart_items_count})`,
        );
        for (const card of cardsOf(result, money)) console.log(card);
        console.log('');
      } catch (error) {
        console.log(`error: ${(error as Error).message}`);
      }
    }
    rl.prompt();
  }
  rl.close();
}
