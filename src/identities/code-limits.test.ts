import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { buildApp } from '../app/http.js';
import { signedIn } from '../testing/api-calls.js';
import { startFakePlatforms } from '../testing/fake-platforms.js';
import { createTestContext } from '../testing/test-context.js';
import { DEFAULT_CODE_LIMITS, lockFor, spanOf } from './code-limits.js';

const SECRET = 'code-limits-test-secret-long-enough-for-hs256';
const MINUTE = 60_000;

let fake: Awaited<ReturnType<typeof startFakePlatforms>>;
let ctx: AppContext;
let app: FastifyInstance;
let clock = new Date('2026-12-07T08:00:00Z');
const as = signedIn(SECRET, () => clock);
const later = (minutes: number) => (clock = new Date(clock.getTime() + minutes * MINUTE));

beforeAll(async () => {
  fake = await startFakePlatforms();
  ctx = await createTestContext(
    {
      JWT_SECRET: SECRET,
      TWILIO_ACCOUNT_SID: 'AC123',
      TWILIO_AUTH_TOKEN: 'twilio-auth-token',
      TWILIO_API_BASE_URL: fake.url,
      TWILIO_FROM_NUMBER: '+15550009999',
      IDENTITY_CODES_PER_ADDRESS_PER_HOUR: '2',
      IDENTITY_CODES_PER_DAY: '5',
    },
    { now: () => clock },
  );
  app = await buildApp(ctx, { logger: false });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
  await fake.close();
});
// Each test starts two days on, clear of the others' codes.
beforeEach(() => void later(2 * 24 * 60));

/** Asks for a code to `value` for customer `user`, from client address `ip`. */
const ask = (user: string, value: string, ip = '10.0.0.1') =>
  app.inject({
    method: 'POST',
    url: '/api/identities',
    payload: { user_id: user, kind: 'phone', value },
    headers: as(user),
    remoteAddress: ip,
  });

/** The code last texted to `to`. */
function codeTo(to: string): string {
  const text = fake.calls
    .map((c) => new URLSearchParams(c.body))
    .filter((form) => form.get('To') === to)
    .at(-1)
    ?.get('Body');
  return /code is (\d{6})/.exec(text ?? '')![1]!;
}

/** Five wrong codes: all the tries of the code last sent to `value`. */
async function burn(user: string, value: string) {
  const wrong = codeTo(value) === '000000' ? '111111' : '000000';
  for (let n = 0; n < 5; n++) {
    const res = await app.inject({
      method: 'POST',
      url: '/api/identities/confirm',
      payload: { user_id: user, kind: 'phone', value, code: wrong },
      headers: as(user),
    });
    expect(res.json().error).toBe('CODE_INVALID');
  }
}

describe('identity code limits', () => {
  it('sends at most so many codes an hour for requests from one address, and says when the next may go', async () => {
    expect((await ask('customer050', '+15553330001')).statusCode).toBe(202);
    expect((await ask('customer051', '+15553330002')).statusCode).toBe(202);
    const refused = await ask('customer052', '+15553330003');
    expect(refused.statusCode).toBe(429);
    expect(refused.json().message).toBe(
      'At most 2 codes an hour are sent for requests from one address. Try again in 60 minutes.',
    );
    expect(refused.headers['retry-after']).toBe('3600');
    later(20);
    expect((await ask('customer052', '+15553330003', '10.0.0.2')).statusCode).toBe(202);
    const still = await ask('customer053', '+15553330004');
    expect([still.statusCode, still.headers['retry-after']]).toEqual([429, '2400']);
    expect(still.json().message).toMatch(/Try again in 40 minutes\.$/);
    later(41);
    expect((await ask('customer053', '+15553330004')).statusCode).toBe(202);
  });

  it('sends at most so many codes a day for the whole shop', async () => {
    for (let n = 0; n < 5; n++) {
      expect((await ask(`customer06${n}`, `+1555333006${n}`, `10.0.1.${n}`)).statusCode).toBe(202);
      later(60);
    }
    const refused = await ask('customer065', '+15553330065', '10.0.1.5');
    expect(refused.statusCode).toBe(429);
    // The first went five hours ago: it ages out of the day in 19 hours.
    expect(refused.json().message).toBe(
      'The shop sends at most 5 codes a day, and that many have gone out. Try again in 19 hours.',
    );
    expect(refused.headers['retry-after']).toBe(String(19 * 3600));
    later(19 * 60);
    expect((await ask('customer065', '+15553330065', '10.0.1.5')).statusCode).toBe(202);
  });

  it('counts no failure for tries at a code that has none left: hammering it locks nobody out', async () => {
    const number = '+15553330200';
    expect((await ask('customer072', number)).statusCode).toBe(202);
    await burn('customer072', number);
    for (let n = 0; n < 20; n++) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/identities/confirm',
        payload: { user_id: 'customer072', kind: 'phone', value: number, code: '123456' },
        headers: as('customer072'),
      });
      expect(res.json().error).toBe('CODE_EXPIRED');
    }
    later(1);
    // Five failures, not twenty-five: the number's owner can still get a code.
    expect((await ask('customer073', number, '10.0.0.10')).statusCode).toBe(202);
  });

  it('gives a number someone keeps guessing at no codes for a while, longer each time', async () => {
    const number = '+15553330100';
    expect((await ask('customer070', number)).statusCode).toBe(202);
    await burn('customer070', number);
    later(1);
    expect((await ask('customer070', number)).statusCode).toBe(202);
    await burn('customer070', number);
    later(1);
    // Ten wrong codes: an hour without codes from the last one, for whoever asks.
    const locked = await ask('customer071', number, '10.0.0.9');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().message).toBe(
      'Too many wrong codes for this number: no code goes to it for 60 minutes after the last one. Try again in 59 minutes.',
    );
    expect(locked.headers['retry-after']).toBe(String(59 * 60));
    later(60);
    expect((await ask('customer070', number)).statusCode).toBe(202);
    await burn('customer070', number);
    // Five more: twice as long.
    const longer = await ask('customer070', number);
    expect(longer.json().message).toBe(
      'Too many wrong codes for this number: no code goes to it for 2 hours after the last one. Try again in 2 hours.',
    );
    later(119);
    expect((await ask('customer070', number)).json().message).toMatch(/Try again in 1 minute\.$/);
    later(1);
    expect((await ask('customer070', number)).statusCode).toBe(202);
  });
});

describe('lock and wait arithmetic', () => {
  it('locks from the threshold on, doubling with each code of wrong tries, never more than a week', () => {
    const limits = DEFAULT_CODE_LIMITS;
    expect([9, 10, 14, 15, 20].map((f) => lockFor(f, limits, 5) / MINUTE)).toEqual([0, 60, 60, 120, 240]);
    expect(lockFor(10_000, limits, 5)).toBe(7 * 24 * 60 * MINUTE);
  });

  it('says a wait in plain words, rounded up', () => {
    expect(
      [1, 999, 45_000, 61_000, 90 * MINUTE, 91 * MINUTE, 47 * 60 * MINUTE, 49 * 60 * MINUTE].map(spanOf),
    ).toEqual([
      '1 second',
      '1 second',
      '45 seconds',
      '2 minutes',
      '90 minutes',
      '2 hours',
      '47 hours',
      '3 days',
    ]);
  });
});
