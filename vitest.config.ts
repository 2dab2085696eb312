import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    // better-sqlite3 is a native addon; forked workers keep each file's database handles isolated.
    pool: 'forks',
    // Files share a worker's modules: the app's imports and the trained understander load once per worker
    // rather than once per file (the suite runs in half the time). Tests keep no global state between
    // files: each builds its own app on its own database, and puts back any fake timers it used.
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
  },
});
