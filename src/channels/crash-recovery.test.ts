import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import twilio from 'twilio';
import { afterAll, describe, expect, it } from 'vitest';
import {
  PLATFORM_SECRETS,
  platformEnv,
  startFakePlatforms,
  type RecordedCall,
} from '../testing/fake-platforms.js';
import { signWhatsApp, whatsAppPayload } from '../testing/whatsapp-webhook.js';
import { startServerProcess, type ServerProcess } from '../testing/server-process.js';

const WA_SECRET = PLATFORM_SECRETS.whatsapp;
const TG_SECRET = PLATFORM_SECRETS.telegram;
const TW_TOKEN = PLATFORM_SECRETS.twilio;

interface Sent {
  channel: 'whatsapp' | 'telegram' | 'sms';
  /** The message's id as the platform sends it and the server keeps it (Telegram: the update id). */
  id: string;
  from: string;
}

/** One signed webhook call carrying one message, as each platform sends it: its HTTP status, 0 when none. */
async function deliver(url: string, m: Sent): Promise<number> {
  let body: string;
  let headers: Record<string, string>;
  if (m.channel === 'whatsapp') {
    body = whatsAppPayload([{ id: m.id, from: m.from, text: 'hi' }]);
    headers = {
      'content-type': 'application/json',
      'x-hub-signature-256': signWhatsApp(body, WA_SECRET),
    };
  } else if (m.channel === 'telegram') {
    body = JSON.stringify({
      update_id: Number(m.id),
      message: { message_id: Number(m.id), chat: { id: Number(m.from) }, text: 'hi' },
    });
    headers = { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': TG_SECRET };
  } else {
    const params = { MessageSid: m.id, From: m.from, To: '+15550009999', Body: 'hi' };
    body = new URLSearchParams(params).toString();
    headers = {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': twilio.getExpectedTwilioSignature(TW_TOKEN, `${url}/api/webhook/sms`, params),
    };
  }
  try {
    return (await fetch(`${url}/api/webhook/${m.channel}`, { method: 'POST', headers, body })).status;
  } catch {
    // The server died mid-call: not acknowledged, so the platform delivers it again later.
    return 0;
  }
}

/** Whom a reply the shop sent went to, as the sender is named in `Sent`; null for other calls. */
function recipientOf(call: RecordedCall): string | null {
  if (call.path.endsWith('/messages')) return (JSON.parse(call.body) as { to: string }).to;
  if (call.path.endsWith('/sendMessage'))
    return String((JSON.parse(call.body) as { chat_id: string }).chat_id);
  if (call.path.endsWith('/Messages.json')) return new URLSearchParams(call.body).get('To');
  return null;
}

const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await s.kill();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('acknowledged means answered', () => {
  it('answers every acknowledged message across two kill -9s in a burst, twice at most for a send in flight', async () => {
    // Each platform call takes a while, as real ones do: sends are in flight when the process dies.
    const fake = await startFakePlatforms({ delayMs: 150 });
    const dir = mkdtempSync(join(tmpdir(), 'crash-'));
    const env = {
      SQLITE_PATH: join(dir, 'sales.db'),
      // Kept between runs, as the suite's own model is: training is most of a start.
      NLU_CACHE_DIR: join(tmpdir(), 'langgraph-sales-agent-server-models'),
      CHANNEL_LEASE_SECONDS: '2',
      CHANNEL_MESSAGES_PER_MINUTE: '1000',
      ...platformEnv(fake.url),
    };

    const burst: Sent[] = [];
    for (let round = 0; round < 8; round++) {
      for (let s = 0; s < 4; s++) {
        burst.push({ channel: 'whatsapp', id: `wamid.${s}.${round}`, from: `1555123000${s}` });
        burst.push({ channel: 'telegram', id: `${9000 + s * 100 + round}`, from: `${700 + s}` });
        burst.push({ channel: 'sms', id: `SM${s}x${round}`, from: `+1555124000${s}` });
      }
    }
    let db: Database.Database | undefined;
    const count = (status: string) =>
      (
        db!.prepare('SELECT count(*) AS n FROM channel_messages WHERE status = ?').get(status) as {
          n: number;
        }
      ).n;
    const statusOf = (m: Sent) =>
      (
        db!
          .prepare('SELECT status FROM channel_messages WHERE channel = ? AND message_id = ?')
          .get(m.channel, m.id) as { status: string } | undefined
      )?.status;

    let pending = [...burst];
    const acknowledged = new Set<Sent>();
    const inFlightAtKill: number[] = [];
    for (const life of [1, 2, 3]) {
      const server = await startServerProcess(env);
      servers.push(server);
      db ??= new Database(env.SQLITE_PATH);
      // Platforms redeliver what they think went unanswered: that must not be swallowed, nor answered twice.
      for (const m of [...acknowledged].filter((x) => statusOf(x) === 'received').slice(0, 3))
        expect(await deliver(server.url, m)).toBe(200);
      const killing = life < 3;
      let dead = false;
      // Dies once a reply is in flight and more are waiting, answered since it started or not.
      const killer = (async () => {
        if (!killing) return;
        const answeredBefore = count('processed');
        const deadline = Date.now() + 120_000;
        while (!(count('sending') > 0 && count('received') > 0 && count('processed') > answeredBefore)) {
          if (Date.now() > deadline) throw new Error('no send was ever in flight with more waiting');
          await pause(5);
        }
        await server.kill();
        dead = true;
        inFlightAtKill.push(count('sending'));
      })();
      const delivering = pending;
      pending = [];
      for (let i = 0; i < delivering.length; i += 12) {
        const batch = delivering.slice(i, i + 12);
        const statuses = dead ? [] : await Promise.all(batch.map((m) => deliver(server.url, m)));
        batch.forEach((m, n) => (statuses[n] === 200 ? acknowledged.add(m) : pending.push(m)));
      }
      await killer;
    }
    expect(pending).toEqual([]);
    expect(inFlightAtKill).toHaveLength(2);
    // The third process answers what the dead ones left (their leases run out and it takes the messages
    // over): given ample time on a busy machine, every acknowledged message is answered.
    const unanswered = () => [...acknowledged].filter((m) => statusOf(m) !== 'processed');
    const deadline = Date.now() + 120_000;
    while (unanswered().length > 0 && Date.now() < deadline) await pause(200);
    await servers.at(-1)!.kill();
    expect(unanswered().map((m) => `${m.channel} ${m.id}: ${statusOf(m)}`)).toEqual([]);

    // Each message was answered by exactly one turn: it appears once in the transcripts.
    const turns = db!
      .prepare(
        "SELECT json_extract(metadata, '$.channel_message_id') AS id, count(*) AS n FROM conversation_messages WHERE role = 'user' GROUP BY id",
      )
      .all() as { id: string; n: number }[];
    const turnsOf = new Map(turns.map((t) => [t.id, t.n]));
    for (const m of burst) expect(turnsOf.get(m.id), `${m.channel} ${m.id}`).toBe(1);
    // And every sender got a reply to each of their messages ("hi" is answered in one part); only a send
    // in flight at a kill may have reached them twice.
    const replies = new Map<string, number>();
    for (const call of fake.calls) {
      const to = recipientOf(call);
      if (to) replies.set(to, (replies.get(to) ?? 0) + 1);
    }
    const asked = new Map<string, number>();
    for (const m of burst) asked.set(m.from, (asked.get(m.from) ?? 0) + 1);
    let neverAnswered = 0;
    let duplicates = 0;
    for (const [from, n] of asked) {
      const got = replies.get(from) ?? 0;
      neverAnswered += Math.max(0, n - got);
      duplicates += Math.max(0, got - n);
    }
    const inFlight = inFlightAtKill.reduce((a, b) => a + b, 0);
    console.info(
      `crash test: ${burst.length} messages, ${inFlightAtKill.length} kills, in flight at kill ${inFlightAtKill.join(' + ')}, ` +
        `${duplicates} answered twice, ${neverAnswered} never answered`,
    );
    expect(neverAnswered).toBe(0);
    expect(inFlight).toBeGreaterThan(0);
    expect(duplicates).toBeLessThanOrEqual(inFlight);
    db!.close();
    await fake.close();
  }, 240_000);
});
