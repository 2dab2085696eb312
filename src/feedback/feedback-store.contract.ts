import { describe, expect, it } from 'vitest';
import type { Feedback } from '../domain/feedback.js';
import type { Storage } from '../storage/ports.js';
import { onFreshStorage, type StorageFactory } from '../storage/contract/harness.js';

/** The feedback part of the storage contract, run inside `runStorageContract`. */
export function feedbackStoreContract(create: StorageFactory): void {
  let current: Storage;
  const storage = () => current;
  const given = (n: number, over: Partial<Feedback> = {}): Feedback => ({
    feedback_id: `F${n}`,
    user_id: 'u1',
    session_id: `s${n}`,
    channel: 'web',
    source: 'rating',
    rating: null,
    text: null,
    created_at: `2026-11-0${n}T10:00:00.000Z`,
    ...over,
  });

  describe('feedback', () => {
    onFreshStorage(create, (opened) => (current = opened));
    it('keeps what was given, as given, newest first', async () => {
      const store = storage().feedback;
      const words = given(1, {
        source: 'conversation',
        text: 'Love the shop! 🙌 "quotes" too',
        session_id: null,
      });
      const rated = given(2, { rating: 2, text: 'slow delivery', channel: 'whatsapp' });
      await store.add(words);
      await store.add(rated);
      expect(await store.list({})).toEqual([rated, words]);
      expect(await store.list({ limit: 1 })).toEqual([rated]);
    });

    it('finds the unhappy ones and one customer’s', async () => {
      const store = storage().feedback;
      for (const [n, rating, user] of [
        [1, 5, 'u1'],
        [2, 1, 'u2'],
        [3, null, 'u1'],
        [4, 3, 'u1'],
      ] as const)
        await store.add(given(n, { rating, user_id: user }));
      expect((await store.list({ max_rating: 3 })).map((f) => f.feedback_id)).toEqual(['F4', 'F2']);
      expect((await store.list({ user_id: 'u1' })).map((f) => f.feedback_id)).toEqual(['F4', 'F3', 'F1']);
      expect((await store.list({ user_id: 'u2', max_rating: 2 })).map((f) => f.feedback_id)).toEqual(['F2']);
    });

    it('keeps one rating per conversation, the latest, beside what was said in it', async () => {
      const store = storage().feedback;
      const said = given(1, { source: 'conversation', text: 'love the site', session_id: 's1' });
      await store.add(said);
      await store.add(given(2, { rating: 1, session_id: 's1' }));
      const again = given(3, { rating: 4, text: 'sorted in the end', session_id: 's1' });
      await store.add(again);
      await store.add(given(4, { rating: 2, session_id: 's2' }));
      expect((await store.list({})).map((f) => f.feedback_id)).toEqual(['F4', 'F3', 'F1']);
      expect(await store.list({ max_rating: 3 })).toEqual([given(4, { rating: 2, session_id: 's2' })]);
    });

    it('refuses the same feedback twice rather than keeping it twice', async () => {
      const store = storage().feedback;
      await store.add(given(1, { source: 'conversation', text: 'hi' }));
      await expect(store.add(given(1, { source: 'conversation', text: 'again' }))).rejects.toThrow();
      expect(await store.list({})).toHaveLength(1);
    });
  });
}
