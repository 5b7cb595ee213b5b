// npm run db:migrate -- --db PATH: creates or upgrades the database file at PATH. Running it again is a
// no-op. Exit codes: 0 done, 1 the migration failed, 2 bad arguments.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { openDatabase } from '../db/open';

const USAGE = 'usage: npm run db:migrate -- --db PATH';

function parseArgs(argv: string[]): string {
  let dbPath: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--db') {
      dbPath = argv[++i];
      if (!dbPath || dbPath.startsWith('--')) throw new Error(`--db needs a file path (${USAGE})`);
    } else if (arg.startsWith('--db=')) {
      dbPath = arg.slice('--db='.length);
    } else {
      throw new Error(`unknown argument "${arg}" (${USAGE})`);
    }
  }
  if (!dbPath) throw new Error(`missing --db PATH (${USAGE})`);
  return resolve(dbPath);
}

async function main(): Promise<number> {
  let dbPath: string;
  try {
    dbPath = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`db:migrate: ${(error as Error).message}`);
    return 2;
  }
  const existed = existsSync(dbPath);
  const started = performance.now();
  try {
    const database = await openDatabase(dbPath);
    const version = database.sqlite.prepare('SELECT max(version) FROM schema_version').pluck().get();
    await database.close();
    const ms = Math.round(performance.now() - started);
    const applied = database.appliedMigrations;
    if (applied.length === 0) {
      console.log(`${dbPath} is up to date (schema version ${version}); nothing to do.`);
    } else {
      console.log(`${existed ? 'Upgraded' : 'Created'} ${dbPath} to schema version ${version} in ${ms} ms:`);
      for (const name of applied) console.log(`  applied ${name}`);
    }
    return 0;
  } catch (error) {
    console.error(`db:migrate: ${(error as Error).message}`);
    return 1;
  }
}

process.exitCode = await main();
