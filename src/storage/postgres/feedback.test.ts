import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresStorage } from './index.js';
import { freshSchema, testDatabase } from './testing/database.js';

const database = await testDatabase();
afterAll(async () => database?.drop());

describe.skipIf(!database)('postgres feedback under concurrency', () => {
  it('keeps one rating of a conversation rated 20 times at once', async () => {
    const storage = await createPostgresStorage({ url: database!.url, schema: freshSchema(), poolMax: 8 });
    await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        storage.feedback.add({
          feedback_id: `F${n}`,
          user_id: 'u1',
          session_id: 's1',
          channel: 'web',
          source: 'rating',
          rating: 1 + (n % 5),
          text: null,
          created_at: '2026-11-01T10:00:00.000Z',
        }),
      ),
    );
    expect(await storage.feedback.list({})).toHaveLength(1);
    await storage.close();
  });
});
