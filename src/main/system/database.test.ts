// The integrity check at every start: a damaged database file is not opened (nor written to), and the status says
// 'damaged' so the screens offer the last backup.
import { openSync, readFileSync, rmSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import path from 'node:path';
import Sqlite from 'better-sqlite3';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../db/test-support';
import { openAppDatabase, quickCheck } from './database';

const logger = pino({ level: 'silent' });
let dir: string;
beforeEach(() => {
  dir = makeTempDir('magnum-quick-check-');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A database of many pages whose middle pages are then overwritten, as a failing disk would leave it. */
function damagedDatabase(file: string): void {
  const sqlite = new Sqlite(file);
  sqlite.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)');
  const insert = sqlite.prepare('INSERT INTO notes (body) VALUES (?)');
  for (let n = 0; n < 2_000; n += 1) insert.run(`note ${n} `.repeat(20));
  sqlite.close();
  const pageSize = 4096;
  const handle = openSync(file, 'r+');
  for (const page of [3, 4, 5, 6])
    writeSync(handle, Buffer.alloc(pageSize, 0xa5), 0, pageSize, page * pageSize);
  closeSync(handle);
}

describe('the integrity check at start', () => {
  it('finds nothing wrong with a sound database, or with none at all', async () => {
    const file = path.join(dir, 'magnum.db');
    expect(quickCheck(file)).toEqual([]);
    const database = await openAppDatabase(file, logger);
    await database.close();
    expect(quickCheck(file)).toEqual([]);
  });

  it('does not open a file that is not a database, and says it is damaged', async () => {
    const file = path.join(dir, 'magnum.db');
    const content = 'this is not a database '.repeat(200);
    writeFileSync(file, content);
    const database = await openAppDatabase(file, logger);
    expect(database.handle).toBeNull();
    expect(database.damaged).toBe(true);
    const status = await database.status();
    expect(status.state).toBe('damaged');
    expect(status.state === 'damaged' && status.message).toMatch(/damaged.*Restore the last backup/);
    expect(status.state === 'damaged' && status.problems.length).toBeGreaterThan(0);
    expect(readFileSync(file, 'utf8')).toBe(content);
  });

  it('finds damaged pages inside a real database and leaves the file as it was', async () => {
    const file = path.join(dir, 'magnum.db');
    damagedDatabase(file);
    const before = readFileSync(file);
    expect(quickCheck(file).length).toBeGreaterThan(0);
    const database = await openAppDatabase(file, logger);
    expect(database.damaged).toBe(true);
    expect((await database.status()).state).toBe('damaged');
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});
