import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import twilio from 'twilio';
import { afterAll, describe, expect, it } from 'vitest';
import { startFakePlatforms } from '../testing/fake-platforms.js';
import { signWhatsApp, whatsAppPayload } from '../testing/whatsapp-webhook.js';
import { startServerProcess, type ServerProcess } from '../testing/server-process.js';

const WA_SECRET = 'wa-app-secret';
const TG_SECRET = 'tg_secret-token';
const TW_TOKEN = 'twilio-auth-token';

interface Sent {
  channel: 'whatsapp' | 'telegram' | 'sms';
  id: string;
  from: string;
}

/** One signed webhook call carrying one message, as each platform sends it. */
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
  const res = await fetch(`${url}/api/webhook/${m.channel}`, { method: 'POST', headers, body });
  return res.status;
}

/** The message's id as the server keeps it (Telegram: the update id). */
const storedId = (m: Sent) => m.id;

const servers: ServerProcess[] = [];
afterAll(async () => {
  for (const s of servers) await s.kill();
});

describe('acknowledged means answered', () => {
  it('answers every acknowledged message exactly once across kill -9 in a burst, on each channel', async () => {
    const fake = await startFakePlatforms({ delayMs: 40 });
    const dir = mkdtempSync(join(tmpdir(), 'crash-'));
    const env = {
      SQLITE_PATH: join(dir, 'sales.db'),
      NLU_CACHE_DIR: join(dir, 'cache'),
      CHANNEL_LEASE_SECONDS: '2',
      CHANNEL_MESSAGES_PER_MINUTE: '1000',
      WHATSAPP_APP_SECRET: WA_SECRET,
      WHATSAPP_ACCESS_TOKEN: 'wa-token',
      WHATSAPP_API_BASE_URL: `${fake.url}/v21.0`,
      TELEGRAM_BOT_TOKEN: '123:abc',
      TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
      TELEGRAM_API_BASE_URL: fake.url,
      TWILIO_ACCOUNT_SID: 'AC123',
      TWILIO_AUTH_TOKEN: TW_TOKEN,
      TWILIO_API_BASE_URL: fake.url,
    };
    const first = await startServerProcess(env);
    servers.push(first);

    const burst: Sent[] = [];
    for (let round = 0; round < 6; round++) {
      for (let s = 0; s < 4; s++) {
        burst.push({ channel: 'whatsapp', id: `wamid.${s}.${round}`, from: `1555123000${s}` });
        burst.push({ channel: 'telegram', id: `${9000 + s * 100 + round}`, from: `${700 + s}` });
        burst.push({ channel: 'sms', id: `SM${s}x${round}`, from: `+1555124000${s}` });
      }
    }
    const acknowledged: Sent[] = [];
    for (let i = 0; i < burst.length; i += 12) {
      const batch = burst.slice(i, i + 12);
      const statuses = await Promise.all(batch.map((m) => deliver(first.url, m)));
      batch.forEach((m, n) => statuses[n] === 200 && acknowledged.push(m));
    }
    await first.kill();
    expect(acknowledged).toHaveLength(burst.length);

    const db = new Database(env.SQLITE_PATH);
    const statusOf = (m: Sent) =>
      (
        db
          .prepare('SELECT status FROM channel_messages WHERE channel = ? AND message_id = ?')
          .get(m.channel, storedId(m)) as { status: string } | undefined
      )?.status;
    const unanswered = acknowledged.filter((m) => statusOf(m) === 'received');
    // The kill has to land mid-burst for this to prove anything.
    expect(unanswered.length).toBeGreaterThan(0);

    const second = await startServerProcess(env);
    servers.push(second);
    // Platforms redeliver what they think went unanswered: that must not be swallowed, nor answered twice.
    for (const m of unanswered.slice(0, 3)) expect(await deliver(second.url, m)).toBe(200);
    const deadline = Date.now() + 60_000;
    while (
      acknowledged.some((m) => ['received', 'sending'].includes(statusOf(m) ?? '')) &&
      Date.now() < deadline
    )
      await new Promise((resolve) => setTimeout(resolve, 200));
    await second.kill();

    const statuses = acknowledged.map(statusOf);
    expect(statuses.filter((s) => s !== 'processed' && s !== 'send_unknown')).toEqual([]);
    // Each message was answered by exactly one turn: it appears once in the transcripts.
    const turns = db
      .prepare(
        "SELECT json_extract(metadata, '$.channel_message_id') AS id, count(*) AS n FROM conversation_messages WHERE role = 'user' GROUP BY id",
      )
      .all() as { id: string; n: number }[];
    const turnsOf = new Map(turns.map((t) => [t.id, t.n]));
    for (const m of acknowledged) expect(turnsOf.get(storedId(m)), `${m.channel} ${m.id}`).toBe(1);
    // And got at most one reply: one per answered message, none for a send cut off by the kill.
    const replies = fake.calls.filter((c) =>
      /\/messages$|\/sendMessage$|\/Messages\.json$/.test(c.path),
    ).length;
    const processed = statuses.filter((s) => s === 'processed').length;
    const cutOff = statuses.filter((s) => s === 'send_unknown').length;
    expect(replies).toBeGreaterThanOrEqual(processed);
    expect(replies).toBeLessThanOrEqual(processed + cutOff);
    db.close();
    await fake.close();
  }, 180_000);
});
