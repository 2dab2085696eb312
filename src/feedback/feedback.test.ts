import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../app/app-context.js';
import { ratingIn } from '../domain/feedback.js';
import { buildApp } from '../app/http.js';
import { caller, signedIn } from '../testing/api-calls.js';
import { createTestContext } from '../testing/test-context.js';

const SECRET = 'feedback-test-secret-long-enough-for-hs256';
let ctx: AppContext;
let app: FastifyInstance;
const as = signedIn(SECRET);
const call = caller(() => app);
const staff = as('staff1', { role: 'admin' });

beforeAll(async () => {
  ctx = await createTestContext({ JWT_SECRET: SECRET });
  app = await buildApp(ctx, { logger: false });
});
afterAll(async () => {
  await app.close();
  await ctx.close();
});

const chat = (user: string, message: string, session_id?: string) =>
  call('POST', '/api/chat', as(user), { user_id: user, message, ...(session_id ? { session_id } : {}) });

describe('feedback', () => {
  it('keeps feedback said in conversation word for word, with a rating it names, and thanks for it', async () => {
    const said = 'just wanted to say your website is really easy to use, 5 stars from me';
    const r = (await chat('fb-ana', said)).json();
    expect(r.current_intent).toBe('feedback');
    expect(r.response).toBe("Thank you - I've passed that on to the Bayside Goods team.");
    const kept = (await call('GET', '/api/admin/feedback?user_id=fb-ana', staff)).json();
    expect(kept.feedback).toMatchObject([
      {
        user_id: 'fb-ana',
        session_id: r.session_id,
        channel: 'web',
        source: 'conversation',
        rating: 5,
        text: said,
      },
    ]);

    const low = (
      await chat('fb-ana', 'i would give the chat 2 stars, the search never finds anything', r.session_id)
    ).json();
    expect(low.current_intent).toBe('feedback');
    expect(low.response).toMatch(/I'm sorry it wasn't better/);
  });

  it('takes a rating of a conversation from its owner only, and lists the unhappy ones for operators', async () => {
    const r = (await chat('fb-bo', 'do you have hoodies?')).json();
    const path = `/api/conversations/${r.session_id}/feedback`;
    const rated = await call('POST', path, as('fb-bo'), { rating: 1, comment: '  never found my size  ' });
    expect(rated.statusCode).toBe(201);
    expect(rated.json().feedback).toMatchObject({ rating: 1, text: 'never found my size', source: 'rating' });
    // Someone else's conversation is answered like one that does not exist.
    expect((await call('POST', path, as('fb-cy'), { rating: 5 })).statusCode).toBe(404);
    const bad = await call('POST', path, as('fb-bo'), { rating: 6 });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/rating/);
    // Rated again later: the new rating replaces the first.
    expect((await call('POST', path, as('fb-bo'), { rating: 4 })).statusCode).toBe(201);
    const mine = (await call('GET', '/api/admin/feedback?user_id=fb-bo', staff)).json().feedback;
    expect(mine.map((f: { rating: number }) => f.rating)).toEqual([4]);

    const low = await call(
      'POST',
      `/api/conversations/${(await chat('fb-di', 'hi')).json().session_id}/feedback`,
      as('fb-di'),
      { rating: 2, comment: 'slow' },
    );
    expect(low.statusCode).toBe(201);
    const unhappy = (await call('GET', '/api/admin/feedback?max_rating=2', staff)).json().feedback;
    expect(unhappy.map((f: { text: string | null }) => f.text)).toContain('slow');
    expect(unhappy.map((f: { text: string | null }) => f.text)).not.toContain('never found my size');
    expect(unhappy.every((f: { rating: number }) => f.rating <= 2)).toBe(true);
    expect((await call('GET', '/api/admin/feedback', as('fb-bo'))).statusCode).toBe(403);
  });

  it('reads a rating written in words people use', () => {
    expect(ratingIn('5 stars')).toBe(5);
    expect(ratingIn('rating: 4 out of 5')).toBe(4);
    expect(ratingIn('3/5 could be better')).toBe(3);
    expect(ratingIn('10/10 would buy again')).toBe(5);
    expect(ratingIn('⭐⭐⭐⭐')).toBe(4);
    expect(ratingIn('I ordered 5 hoodies')).toBeNull();
    expect(ratingIn('size 5/6')).toBeNull();
    expect(ratingIn("i'd give you 2.5 stars, the site is slow")).toBe(2);
    expect(ratingIn('2.5/10 honestly')).toBe(1);
    expect(ratingIn('the delivery on 3/5 was late')).toBeNull();
    expect(ratingIn('ordered 12/3/2026')).toBeNull();
    expect(ratingIn('4/5/2026')).toBeNull();
    expect(ratingIn('10/100')).toBeNull();
    expect(ratingIn('8 stars')).toBeNull();
  });
});
