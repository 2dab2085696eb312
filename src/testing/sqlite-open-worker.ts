/**
 * One process of the test of instances starting together: waits for the word, opens (and so migrates)
 * the SQLite file it is given, and prints `opened`. Not a test on its own.
 */
import { createSqliteStorage } from '../storage/sqlite/index.js';

const [path] = process.argv.slice(2) as [string];
process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
const storage = await createSqliteStorage(path);
await storage.close();
process.stdout.write('opened\n');
process.stdin.destroy();
