import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import { createAppContext } from '../src/app/app-context.js';
import { loadConfig } from '../src/config.js';
import { seedSampleData } from '../src/data/seed.js';
import { createLogger } from '../src/logger.js';
import { createSqliteStorage } from '../src/storage/sqlite/index.js';
import { createCheckpointer } from '../src/storage/sqlite/checkpointer.js';
import { createBareGraph } from './bare-graph.js';
import { browserFirstReply } from './browser.js';
import { measureModelUsage } from './model-usage.js';
import { postgresRows } from './postgres.js';
import { SEARCH_QUERIES } from './search-queries.js';
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/app/http.js';
import { loadEvalSet, SAMPLE_SHOP_OPTIONS } from '../src/nlu-eval/evaluate.js';
import { loadThirdPartySupport } from '../src/nlu-eval/third-party.js';
import { createOfflineNlu } from '../src/nlu/offline/offline-nlu.js';
import { SCRIPT, pct } from './shared.js';

/**
 * `npm run bench`: a full turn on the embedded default next to the bare LangGraph floor, turn 1 against
 * turn 200 of one conversation, and product search over 100,000 products. Prints a table with targets.
 */
const DIR = join(import.meta.dirname, '..', 'data', 'bench');
const quick = process.argv.includes('--quick');
/** `--turns`: only the full turn against the bare graph, and turn 1 against turn 200. */
const turnsOnly = process.argv.includes('--turns');
const LARGE = quick ? 20_000 : 100_000;

const rows: string[][] = [];
const ms = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(2));
/** Times `count` sequential calls, in milliseconds each. */
async function sample(call: () => Promise<unknown>, count: number): Promise<number[]> {
  const times: number[] = [];
  for (let n = 0; n < count; n++) {
    const started = performance.now();
    await call();
    times.push(performance.now() - started);
  }
  return times;
}

async function turns() {
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const config = loadConfig({ SQLITE_PATH: join(DIR, 'turns.db'), LOG_LEVEL: 'silent' });
  const ctx = await createAppContext(config, createLogger('silent'), { seedIfEmpty: true });
  // The floor uses the service's checkpointer: LangGraph's SQLite saver with the same serializer.
  const bare = createBareGraph(createCheckpointer((await createSqliteStorage(join(DIR, 'bare.db'))).db));
  // And LangGraph's saver as it comes, for reference.
  const stock = createBareGraph(new SqliteSaver((await createSqliteStorage(join(DIR, 'stock.db'))).db));
  let i = 0;
  let b = 0;
  let d = 0;
  const fullTurn = () => {
    const n = i++;
    return ctx.engine.processSalesConversation({
      userId: `customer${String(n % 8).padStart(3, '0')}`,
      channel: 'web',
      message: SCRIPT[Math.floor(n / 8) % SCRIPT.length]!,
      sessionId: `bench-${n % 8}`,
    });
  };
  const bareTurn = () =>
    bare.invoke({ message: 'hi' }, { configurable: { thread_id: `bare-${b++ % 8}` }, durability: 'exit' });
  const stockTurn = () =>
    stock.invoke({ message: 'hi' }, { configurable: { thread_id: `stock-${d++ % 8}` }, durability: 'exit' });
  // Interleaved batches, so drift in the machine's speed (GC, other tenants) lands on all sides alike.
  await sample(fullTurn, 80); // warm-up
  await sample(bareTurn, 80);
  await sample(stockTurn, 80);
  const fullTimes: number[] = [];
  const floorTimes: number[] = [];
  const stockTimes: number[] = [];
  for (let round = 0; round < (quick ? 10 : 40); round++) {
    fullTimes.push(...(await sample(fullTurn, 80)));
    floorTimes.push(...(await sample(bareTurn, 80)));
    stockTimes.push(...(await sample(stockTurn, 80)));
  }
  const perSecond = (times: number[]) => (1000 * times.length) / times.reduce((a, t) => a + t, 0);
  rows.push([
    'full turn (sales graph, offline NLU, SQLite)',
    `${perSecond(fullTimes).toFixed(0)} turns/s`,
    `p50 ${ms(pct(fullTimes, 50))} ms`,
    `p99 ${ms(pct(fullTimes, 99))} ms`,
  ]);
  rows.push([
    'bare LangGraph, same 6 nodes, SQLite checkpointer',
    `${perSecond(floorTimes).toFixed(0)} turns/s`,
    `p50 ${ms(pct(floorTimes, 50))} ms`,
    `p99 ${ms(pct(floorTimes, 99))} ms`,
  ]);
  rows.push([
    'bare LangGraph, stock SQLite checkpointer serializer',
    `${perSecond(stockTimes).toFixed(0)} turns/s`,
    `p50 ${ms(pct(stockTimes, 50))} ms`,
    `p99 ${ms(pct(stockTimes, 99))} ms`,
  ]);
  const ratio = pct(fullTimes, 50) / pct(floorTimes, 50);
  rows.push([
    'full turn / bare graph, same checkpointer (p50)',
    `${ratio.toFixed(2)}x`,
    'target <= 1.5x',
    ratio <= 1.5 ? 'met' : 'MISSED',
  ]);
  rows.push([
    'full turn / bare graph, stock serializer (p50)',
    `${(pct(fullTimes, 50) / pct(stockTimes, 50)).toFixed(2)}x`,
    '',
    '',
  ]);

  // Turn 1 against turn 200: the same message at both ends of each of several 200-turn conversations.
  const SESSIONS = quick ? 5 : 12;
  const first: number[] = [];
  const last: number[] = [];
  for (let s = 0; s < SESSIONS; s++) {
    for (let t = 1; t <= 200; t++) {
      const message = t === 1 || t === 200 ? 'show me jackets' : SCRIPT[t % SCRIPT.length]!;
      const started = performance.now();
      await ctx.engine.processSalesConversation({
        userId: 'user123',
        channel: 'web',
        message,
        sessionId: `long-${s}`,
      });
      const took = performance.now() - started;
      if (t === 1) first.push(took);
      if (t === 200) last.push(took);
    }
  }
  const growth = pct(last, 50) / pct(first, 50);
  rows.push([
    `turn 1 vs turn 200 (p50 of ${SESSIONS} conversations)`,
    `${ms(pct(first, 50))} ms`,
    `${ms(pct(last, 50))} ms`,
    `${growth.toFixed(2)}x (target <= 1.2x) ${growth <= 1.2 ? 'met' : 'MISSED'}`,
  ]);
  await ctx.close();
}

async function search() {
  const path = join(DIR, `catalogue-${LARGE}.db`);
  const storage = await createSqliteStorage(path);
  const started = performance.now();
  await seedSampleData(storage, { products: LARGE });
  const seeded = (performance.now() - started) / 1000;
  const times: number[] = [];
  for (let round = 0; round < (quick ? 10 : 40); round++) {
    for (const q of SEARCH_QUERIES) {
      const t = performance.now();
      await storage.products.search(q);
      if (round > 0) times.push(performance.now() - t);
    }
  }
  const p95 = pct(times, 95);
  rows.push([
    `product search over ${LARGE.toLocaleString('en-US')} products (${times.length} queries)`,
    `p50 ${ms(pct(times, 50))} ms`,
    `p95 ${ms(p95)} ms`,
    `target <= 10 ms ${p95 <= 10 ? 'met' : 'MISSED'}`,
  ]);
  rows.push([
    `generating the ${LARGE.toLocaleString('en-US')}-product catalogue`,
    `${seeded.toFixed(1)} s`,
    '',
    '',
  ]);
  await storage.close();
}

/** POST /api/chat under concurrent load, next to a bare Fastify route on the same machine. */
async function http() {
  const config = loadConfig({
    SQLITE_PATH: join(DIR, 'http.db'),
    LOG_LEVEL: 'silent',
    RATE_LIMIT_PER_MINUTE: '1000000',
    RATE_LIMIT_PER_IP_PER_MINUTE: '1000000',
  });
  const ctx = await createAppContext(config, createLogger('silent'), { seedIfEmpty: true });
  const app = await buildApp(ctx, { logger: false });
  const bare = Fastify();
  bare.post('/api/chat', async (request) => ({
    ok: true,
    echo: (request.body as { message?: string }).message,
  }));
  const duration = quick ? 3 : 10;
  const load = async (url: string) => {
    const result = await autocannon({
      url: `${url}/api/chat`,
      method: 'POST',
      connections: 8,
      duration,
      headers: { 'content-type': 'application/json' },
      requests: SCRIPT.map((message, n) => ({
        method: 'POST' as const,
        body: JSON.stringify({ user_id: `load-${n}`, channel: 'web', message }),
      })),
    });
    return result;
  };
  const full = await load(await app.listen({ host: '127.0.0.1', port: 0 }));
  const floor = await load(await bare.listen({ host: '127.0.0.1', port: 0 }));
  for (const [name, r] of [
    ['POST /api/chat, 8 connections (full service)', full],
    ['bare Fastify POST route, 8 connections', floor],
  ] as const) {
    const failed = r.non2xx + r.errors + r.timeouts;
    rows.push([
      name,
      `${r.requests.average.toFixed(0)} req/s`,
      `p50 ${r.latency.p50} ms, p99 ${r.latency.p99} ms`,
      failed ? `${failed} failed` : 'no failures',
    ]);
  }
  await app.close();
  await bare.close();
  await ctx.close();
}

/** The offline understanding alone: training at start, then per message over the evaluation set's texts. */
async function understanding() {
  const started = performance.now();
  const nlu = await createOfflineNlu(SAMPLE_SHOP_OPTIONS);
  const trained = performance.now() - started;
  // Paid on the first start and when the catalogue or the examples change; later starts read the model.
  rows.push(['offline NLU training (first start)', `${trained.toFixed(0)} ms`, '', '']);
  // The project's own messages and other people's (eval/third-party), which run longer and stranger.
  const texts = [...loadEvalSet(), ...loadThirdPartySupport()].map((m) => m.text);
  let i = 0;
  await sample(() => nlu.understand(texts[i++ % texts.length]!), texts.length); // warm-up
  const times = await sample(
    () => nlu.understand(texts[i++ % texts.length]!),
    texts.length * (quick ? 2 : 10),
  );
  rows.push([
    'offline NLU per message',
    `p50 ${ms(pct(times, 50))} ms`,
    `p95 ${ms(pct(times, 95))} ms`,
    `target p50 < 2 ms ${pct(times, 50) < 2 ? 'met' : 'MISSED'}`,
  ]);
}

/**
 * Server start as `npm start` does it: process launch to the first answer from /health, on a database
 * that already holds the sample shop. First with no trained model on disk, then with the one it left.
 */
async function startup() {
  const dbPath = join(DIR, 'startup.db');
  const storage = await createSqliteStorage(dbPath);
  await seedSampleData(storage);
  await storage.close();
  const cacheDir = join(DIR, 'startup-cache');
  rmSync(cacheDir, { recursive: true, force: true });
  const root = join(import.meta.dirname, '..');
  const startOnce = async (): Promise<number> => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'server'], {
      cwd: root,
      env: { ...process.env, SQLITE_PATH: dbPath, NLU_CACHE_DIR: cacheDir, API_PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /"url":"(http:\/\/[^"]+)"/.exec(out);
          if (match?.[1]) resolve(match[1]);
        });
        child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
      });
      for (;;) {
        const res = await fetch(`${url}/health`).catch(() => undefined);
        if (res?.ok) return performance.now() - started;
        await new Promise((r) => setTimeout(r, 10));
      }
    } finally {
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
    }
  };
  const first = await startOnce();
  const later: number[] = [];
  for (let n = 0; n < (quick ? 2 : 5); n++) later.push(await startOnce());
  const p50 = pct(later, 50);
  rows.push([
    'server start, launch to first /health answer',
    `first ${(first / 1000).toFixed(2)} s (trains)`,
    `later p50 ${(p50 / 1000).toFixed(2)} s (model kept on disk)`,
    `target < 5 s ${p50 < 5000 ? 'met' : 'MISSED'}`,
  ]);
}

/** Model calls and prompt tokens per turn over the conversation scenarios, against the fake Mistral. */
async function modelUsage() {
  for (const [mode, model] of [
    ['hybrid', 'mistral-small-latest'],
    ['hybrid', 'mistral-large-latest'],
    ['llm', 'mistral-small-latest'],
  ] as const) {
    const u = await measureModelUsage(mode, model);
    const target = mode === 'hybrid' ? ' (targets <= 1.2 and <= 1,000)' : '';
    rows.push([
      `model use per turn, ${mode} mode, ${model}, ${u.turns} scenario turns`,
      `${(u.calls / u.turns).toFixed(2)} calls${target}`,
      `${Math.round(u.prompt_tokens / u.turns)} prompt + ${Math.round(u.completion_tokens / u.turns)} completion tokens`,
      `$${((u.cost_usd / u.turns) * 1000).toFixed(3)} per 1,000 turns at list prices`,
    ]);
  }
}

/** The chat page in chromium: Enter to the reply's first words on screen. */
async function browser() {
  const times = await browserFirstReply(DIR, quick ? 2 : 6);
  if (!times) {
    rows.push(['Browser: Enter to the first words of the reply', 'skipped: no chromium', '', '']);
    return;
  }
  rows.push([
    `Browser (chromium), chat page: Enter to the reply's first words (${times.length} messages)`,
    `p50 ${ms(pct(times, 50))} ms`,
    `p95 ${ms(pct(times, 95))} ms`,
    '',
  ]);
}

/** `--startup`: only the server start rows (with `--understanding`, the understanding's too); `--browser`: only the browser row. */
const startupOnly = process.argv.includes('--startup');
const understandingToo = process.argv.includes('--understanding');
const browserOnly = process.argv.includes('--browser');
/** `--postgres`: only the PostgreSQL rows (turns and state growth next to SQLite). */
const postgresOnly = process.argv.includes('--postgres');
if (postgresOnly) {
  mkdirSync(DIR, { recursive: true });
  rows.push(...(await postgresRows(join(DIR, 'pg-side.db'), quick)));
} else if (browserOnly) {
  mkdirSync(DIR, { recursive: true });
  await browser();
} else if (startupOnly) {
  mkdirSync(DIR, { recursive: true });
  if (understandingToo) await understanding();
  await startup();
} else await turns();
if (!turnsOnly && !startupOnly && !browserOnly && !postgresOnly) {
  rows.push(...(await postgresRows(join(DIR, 'pg-side.db'), quick)));
  await browser();
  await understanding();
  await startup();
  await search();
  await modelUsage();
  await http();
}
const widths = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => (r[c] ?? '').length)));
console.log(`\nlanggraph-sales-agent benchmark (node ${process.version}${quick ? ', --quick' : ''})\n`);
for (const r of rows) console.log(`| ${r.map((cell, c) => cell.padEnd(widths[c] ?? 0)).join(' | ')} |`);
