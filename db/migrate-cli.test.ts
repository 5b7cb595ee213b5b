// The db:migrate command, run as a user runs it (tsx scripts/db-migrate.ts).
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from './migrations';
import { makeTempDir } from './test-support';

const root = resolve(import.meta.dirname, '..');
const dir = makeTempDir('magnum-cli-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dbMigrate(...args: string[]) {
  const run = spawnSync(join(root, 'node_modules/.bin/tsx'), ['scripts/db-migrate.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('npm run db:migrate', () => {
  const dbPath = join(dir, 'nested', 'magnum.db');

  it('creates the database file and says which migrations it applied', () => {
    const run = dbMigrate('--db', dbPath);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      new RegExp(`^Created .*magnum\\.db to schema version ${LATEST_SCHEMA_VERSION} `),
    );
    expect(run.stdout).toMatch(/applied 0001_initial/);
    const db = new Sqlite(dbPath, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM bundles').pluck().get()).toBe(4);
    db.close();
  });

  it('does nothing the second time and still exits 0', () => {
    const run = dbMigrate(`--db=${dbPath}`);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`is up to date (schema version ${LATEST_SCHEMA_VERSION}); nothing to do`);
  });

  it.each([
    ['no arguments', []],
    ['--db without a path', ['--db']],
    ['an unknown argument', ['--database', dbPath]],
  ])('exits 2 with one clear line for %s', (_case, args) => {
    const run = dbMigrate(...args);
    expect(run.code).toBe(2);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^db:migrate: .*usage: npm run db:migrate -- --db PATH/);
  });

  it('exits 1 with the reason when the file is not a database', () => {
    const notDb = join(dir, 'notes.txt');
    writeFileSync(
      notDb,
      'Flight log, not a database: long enough to fill an SQLite header, which is 100 bytes long...',
    );
    const run = dbMigrate('--db', notDb);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/file is not a database/);
  });
});
