import { afterAll, beforeAll, it } from 'vitest';
import type { AppContext } from './app/app-context.js';
import { createTestContext } from './testing/test-context.js';
import { conversation } from './testing/conversation.js';

let ctx: AppContext;
beforeAll(async () => {
  ctx = await createTestContext({}, { now: () => new Date('2026-11-30T20:00:00Z') });
});
afterAll(async () => ctx.close());

it('probe', async () => {
  const convs = (process.env.CONVS ?? '').split('||');
  let n = 0;
  for (const c of convs) {
    const say = conversation(ctx.engine, `p${++n}`);
    for (const m of c.split('|')) {
      const r = await say(m);
      console.log(`>> ${m}\n   [${r.current_intent}] ${r.response.slice(0, 300).replace(/\n/g, ' / ')}`);
    }
    console.log('----');
  }
}, 120000);
