// npm run backup -- --data-dir DIR --to DEST [--keep N]: backs the kiosk's data folder up into the backup root
// DEST (a folder on a USB drive, say; created if missing). The database goes through SQLite's online backup, so
// the kiosk may keep running; files already in DEST's newest backup are not copied again. Every run adds a
// generation; --keep N removes the oldest beyond N once the new one is verified (without it, none is removed).
// Exit codes: 0 backed up and verified, 1 failed (the reason is printed), 2 bad arguments.
import { resolve } from 'node:path';
import { BackupError, backupDataDir } from '../src/main/backups/engine';
import { formatBytes, plural } from '../src/main/backups/engine/format';
import { progressPrinter } from './backup-progress';

const USAGE = 'usage: npm run backup -- --data-dir DIR --to DEST [--keep N]';

class UsageError extends Error {}

interface Args {
  dataDir: string;
  to: string;
  keep: number;
}

function parseArgs(argv: string[]): Args {
  const values: Partial<Record<'data-dir' | 'to' | 'keep', string>> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--(data-dir|to|keep)(?:=(.*))?$/s.exec(arg);
    if (!match) throw new UsageError(`unknown argument "${arg}"`);
    const key = match[1] as keyof typeof values;
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '' || (match[2] === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${key} needs a value`);
    }
    values[key] = value;
  }
  if (!values['data-dir']) throw new UsageError('missing --data-dir DIR');
  if (!values.to) throw new UsageError('missing --to DEST');
  const keep = values.keep === undefined ? Number.MAX_SAFE_INTEGER : Number(values.keep);
  if (!Number.isInteger(keep) || keep < 1) throw new UsageError('--keep must be a whole number, 1 or more');
  return { dataDir: resolve(values['data-dir']), to: resolve(values.to), keep };
}

async function main(): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`backup: ${error.message} (${USAGE})`);
    return 2;
  }
  console.log(`Backing up ${args.dataDir} to ${args.to}`);
  try {
    const result = await backupDataDir({
      dataDir: args.dataDir,
      root: args.to,
      keepGenerations: args.keep,
      onProgress: progressPrinter('backup'),
    });
    const seconds = (result.durationMs / 1000).toFixed(1);
    console.log(
      `Copied ${plural(result.filesCopied, 'file')} (${formatBytes(result.bytesCopied)}); ` +
        `${plural(result.filesReused, 'file')} (${formatBytes(result.bytesReused)}) unchanged since the last backup, not copied again.`,
    );
    console.log(
      `Checked: the database copy passed integrity_check; every file written was read back and matched its sha256.`,
    );
    if (result.pruned.length > 0) console.log(`Removed older backups: ${result.pruned.join(', ')}.`);
    console.log(
      `Backup ${result.generation} is complete and verified: the database and ${plural(result.filesTotal, 'file')} ` +
        `(${formatBytes(result.bytesTotal)}) in ${seconds} s.`,
    );
    return 0;
  } catch (error) {
    if (error instanceof BackupError) {
      console.error(`backup: ${error.message}`);
      for (const problem of error.problems.slice(0, 20)) console.error(`  - ${problem}`);
      if (error.problems.length > 20) console.error(`  … and ${error.problems.length - 20} more`);
    } else {
      console.error(`backup: ${(error as Error).message}`);
    }
    return 1;
  }
}

process.exitCode = await main();
