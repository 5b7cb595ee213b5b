// npm run backup -- --data-dir DIR --to DEST [--keep N]: backs the kiosk's data folder up into the backup root
// DEST (a folder on a USB drive, say; created if missing). The database goes through SQLite's online backup, so
// the kiosk may keep running; files already in DEST's newest backup are not copied again. Every run adds a
// generation; --keep N removes the oldest beyond N once the new one is verified (without it, none is removed).
// Exit codes: 0 backed up and verified, 1 failed (the reason is printed), 2 bad arguments.
import { resolve } from 'node:path';
import { backupDataDir } from '../src/main/backups/engine';
import { formatBytes, plural } from '../src/main/backups/engine/format';
import { printFailure, progressPrinter } from './backup-progress';
import { argsOrUsage, parseFlags, UsageError } from './cli-args';

const USAGE = 'usage: npm run backup -- --data-dir DIR --to DEST [--keep N]';

interface Args {
  dataDir: string;
  to: string;
  keep: number;
}

function parseArgs(argv: string[]): Args {
  const { values } = parseFlags(argv, ['data-dir', 'to', 'keep']);
  if (!values['data-dir']) throw new UsageError('missing --data-dir DIR');
  if (!values.to) throw new UsageError('missing --to DEST');
  const keep = values.keep === undefined ? Number.MAX_SAFE_INTEGER : Number(values.keep);
  if (!Number.isInteger(keep) || keep < 1) throw new UsageError('--keep must be a whole number, 1 or more');
  return { dataDir: resolve(values['data-dir']), to: resolve(values.to), keep };
}

async function main(): Promise<number> {
  const args = argsOrUsage('backup', USAGE, parseArgs);
  if (!args) return 2;
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
    return printFailure('backup', error);
  }
}

process.exitCode = await main();
