#!/usr/bin/env node
import { Command, InvalidArgumentError } from 'commander';
import { createAppContext } from './app/app-context.js';
import { progress } from './cli/progress.js';
import { ConfigError, loadConfig } from './config.js';
import { isAppError } from './errors.js';
import { startServer } from './app/server.js';
import { startBackgroundJobs } from './app/jobs.js';
import { createLogger } from './logger.js';
import { createSqliteStorage } from './storage/sqlite/index.js';

const positiveInt = (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a positive whole number');
  return n;
};

const program = new Command('sales-agent').description('Self-hostable AI sales agent for online shops');

program
  .command('setup-data')
  .description('create the database and load the sample shop (deterministic; safe to run again)')
  .option('--products <n>', 'number of sample products to generate', positiveInt, 500)
  .option('--import <file>', "also import the shop's own catalogue from a JSON or CSV file")
  .option('--no-sample', 'skip the sample shop (with --import)')
  .action(async (options: { products: number; import?: string; sample: boolean }) => {
    const config = loadConfig();
    const storage = await createSqliteStorage(config.SQLITE_PATH);
    try {
      if (options.sample) {
        // Each command loads what only it needs, so the server starts without the data generator.
        const { seedSampleData } = await import('./data/seed.js');
        const summary = await seedSampleData(storage, {
          products: options.products,
          onProgress: progress('products'),
          paymentMinutes: config.ORDER_PAYMENT_TIMEOUT_MINUTES,
        });
        console.log(
          `Sample shop ready in ${config.SQLITE_PATH}: ${summary.products} products in ${summary.categories} categories, ${summary.stores} stores, ${summary.customers} customers with ${summary.orders} past orders.`,
        );
      }
      if (options.import) {
        const { importCatalogue } = await import('./data/import-catalogue.js');
        const summary = await importCatalogue(storage, options.import, progress('import'));
        console.log(
          `Imported ${summary.products} products (${summary.variants} variants) from ${options.import}.`,
        );
      }
    } finally {
      await storage.close();
    }
  });

program
  .command('server')
  .description('start the HTTP API (loads the sample shop into an empty database)')
  .action(async () => {
    const config = loadConfig();
    const logger = createLogger(config.LOG_LEVEL);
    const ctx = await createAppContext(config, logger, { seedIfEmpty: true });
    const { url } = await startServer(ctx);
    logger.info(
      { url, storage: config.STORAGE, understanding: ctx.understander.name },
      'sales agent listening',
    );
  });

program
  .command('demo')
  .description('chat with the agent in the terminal as one customer')
  .option('--user <id>', 'customer to chat as (unknown ids become guests)', 'user123')
  .option('--session <id>', 'continue an earlier conversation')
  .action(async (options: { user: string; session?: string }) => {
    const config = loadConfig();
    const ctx = await createAppContext(config, createLogger('warn'), { seedIfEmpty: true });
    // The shop runs as it would under the server: unpaid orders expire, waiting handoffs become tickets.
    const jobs = startBackgroundJobs(ctx);
    try {
      const { runDemo } = await import('./cli/demo.js');
      await runDemo(ctx, options.user, options.session);
    } finally {
      jobs.stop();
      await ctx.close();
    }
  });

program
  .command('nlu-eval')
  .description(
    'score the offline understander on the evaluation sets (eval/understanding, eval/support, eval/third-party) and on the held-out corpus split',
  )
  .option('--threshold <n>', 'confidence below which an answer counts as an abstention', '0.7')
  .option('--misses', 'list every message the understanding got wrong or abstained on')
  .action(async (opts: { threshold: string; misses?: boolean }) => {
    const { evaluateSampleShop, formatConfusion } = await import('./nlu-eval/evaluate.js');
    const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
    const r = await evaluateSampleShop(Number(opts.threshold));
    console.log(`Evaluation set: ${r.size} messages, threshold ${r.threshold} (abstentions count as wrong)`);
    console.log(`  intent accuracy:      ${pct(r.intent_accuracy)}`);
    console.log(`  routing accuracy:     ${pct(r.routing_accuracy)}`);
    console.log(`  abstention rate:      ${pct(r.abstention_rate)}`);
    console.log(
      `  confident-error rate: ${pct(r.confident_error_rate)} (wrong flow: ${pct(r.confident_routing_error_rate)})`,
    );
    console.log(
      `  caught by abstaining: ${pct(r.errors_caught)} of wrong intents, ${pct(r.flow_errors_caught)} of wrong flows`,
    );
    console.log(`  language flagged on English messages: ${r.language_flags.length}`);
    console.log(`  training ${r.training_ms} ms; understanding p50 ${r.p50_ms} ms, p95 ${r.p95_ms} ms`);
    console.log('Confusion (expected  right/total  got:count, abstain = below threshold):');
    for (const line of formatConfusion(r.confusion)) console.log(`  ${line}`);
    if (opts.misses) console.log('Misses:');
    for (const m of opts.misses ? r.misses : []) {
      console.log(
        `  ${m.abstained ? 'unsure' : 'WRONG '} ${m.confidence.toFixed(2)} ${m.expected} -> ${m.got}: "${m.text}"`,
      );
    }
    for (const f of r.language_flags) console.log(`  flagged ${f.language}: "${f.text}"`);
    // Only figures for the support set: its texts stay out of sight of whoever tunes the understanding.
    const s = r.support;
    console.log(
      `Support set (eval/support): ${s.size} messages; right kind of answer ${pct(s.intent_accuracy)}, abstained ${pct(s.abstention_rate)}, confidently wrong ${pct(s.confident_error_rate)}`,
    );
    for (const line of formatConfusion(s.confusion)) console.log(`  ${line}`);
    const { evaluateThirdParty, thirdPartyLines } = await import('./nlu-eval/third-party-report.js');
    const third = await evaluateThirdParty(r.understander, Number(opts.threshold));
    for (const line of thirdPartyLines(third, opts.misses === true)) console.log(line);
    const { evaluateOfflineNlu } = await import('./nlu-eval/evaluate.js');
    const e = await evaluateOfflineNlu();
    console.log(
      `Corpus held-out intent accuracy: ${pct(e.accuracy)} (${e.test_size} held out, ${e.train_size} trained)`,
    );
    if (opts.misses)
      for (const err of e.errors) console.log(`  "${err.text}": expected ${err.expected}, got ${err.got}`);
    const t = third.support;
    console.log(
      [
        '',
        'Summary (abstentions count as wrong; --misses lists the messages):',
        `  own set:                intent ${pct(r.intent_accuracy)}, routing ${pct(r.routing_accuracy)}, abstained ${pct(r.abstention_rate)}, confidently wrong ${pct(r.confident_error_rate)}`,
        `  support set:            right kind ${pct(s.intent_accuracy)}, abstained ${pct(s.abstention_rate)}, confidently wrong ${pct(s.confident_error_rate)}`,
        `  third-party support:    intent ${pct(t.intent_accuracy)}, routing ${pct(t.routing_accuracy)}, abstained ${pct(t.abstention_rate)}, confidently wrong ${pct(t.confident_error_rate)}`,
        `  third-party shopper:    carried ${pct(third.shopper.carried.accuracy)}, not carried ${pct(third.shopper.not_carried.accuracy)}`,
      ].join('\n'),
    );
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError || isAppError(error)) console.error(error.message);
  else console.error(error);
  process.exit(1);
});
