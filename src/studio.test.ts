import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTestContext } from './testing/test-context.js';

const root = join(import.meta.dirname, '..');

describe('the graph LangGraph Studio opens', () => {
  it('is named in langgraph.json by a file and an export that exist', async () => {
    const config = JSON.parse(readFileSync(join(root, 'langgraph.json'), 'utf8')) as {
      graphs: Record<string, string>;
    };
    const [file, symbol] = (config.graphs.sales_agent ?? '').split(':');
    const module = (await import(join(root, file ?? ''))) as Record<string, unknown>;
    expect(typeof module[symbol ?? 'default']).toBe('function');
  });

  it("is the service's own compiled graph, with its six nodes", async () => {
    const ctx = await createTestContext();
    try {
      const nodes = Object.keys((await ctx.engine.graph.getGraphAsync()).nodes);
      expect(nodes).toEqual(
        expect.arrayContaining([
          'retrieve_context',
          'analyze_intent',
          'route_decision',
          'execute_agent',
          'aggregate_response',
          'save_to_db',
        ]),
      );
    } finally {
      await ctx.close();
    }
  });
});
