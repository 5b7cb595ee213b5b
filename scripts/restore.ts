// npm run restore -- --from DEST --data-dir NEWDIR [--generation NAME] [--list]: restores a backup from the
// backup root DEST into NEWDIR (the newest generation unless --generation names one; --list shows them). The
// copy is built beside NEWDIR and checked (every file's sha256, the database's integrity_check) before it takes
// NEWDIR's place; data already in NEWDIR is moved aside to NEWDIR.before-restore-<time>, never deleted. Stop the
// kiosk before restoring into the folder it uses.
// Exit codes: 0 restored and verified (or listed), 1 refused or failed (the reason is printed), 2 bad arguments.
import { resolve } from 'node:path';
import { listGenerations, restoreBackup } from '../src/main/backups/engine';
import { formatBytes, plural } from '../src/main/backups/engine/format';
import { printFailure, progressPrinter } from './backup-progress';
import { argsOrUsage, parseFlags, UsageError } from './cli-args';

const USAGE = 'usage: npm run restore -- --from DEST --data-dir NEWDIR [--generation NAME] [--list]';

interface Args {
  from: string;
  dataDir?: string;
  generation?: string;
  list: boolean;
}

function parseArgs(argv: string[]): Args {
  const { values, switches } = parseFlags(argv, ['from', 'data-dir', 'generation'], ['list']);
  const list = switches.has('list');
  if (!values.from) throw new UsageError('missing --from DEST');
  if (!list && !values['data-dir']) throw new UsageError('missing --data-dir NEWDIR');
  return {
    from: resolve(values.from),
    list,
    ...(values['data-dir'] ? { dataDir: resolve(values['data-dir']) } : {}),
    ...(values.generation ? { generation: values.generation } : {}),
  };
}

async function printList(from: string): Promise<number> {
  const generations = await listGenerations(from);
  if (generations.length === 0) {
    console.error(`restore: there is no complete backup in ${from}.`);
    return 1;
  }
  console.log(`Backups in ${from}, newest first:`);
  for (const g of generations) {
    console.log(
      `  ${g.name}  ${plural(g.flights, 'flight')}, ${plural(g.sales, 'sale')}, ${plural(g.files, 'file')} ` +
        `(${formatBytes(g.bytes)}), app ${g.appVersion}, schema ${g.schemaVersion}`,
    );
  }
  return 0;
}

async function main(): Promise<number> {
  const args = argsOrUsage('restore', USAGE, parseArgs);
  if (!args) return 2;
  try {
    if (args.list) return await printList(args.from);
    const dataDir = args.dataDir as string;
    console.log(`Restoring ${args.generation ?? 'the newest backup'} from ${args.from} into ${dataDir}`);
    const result = await restoreBackup({
      root: args.from,
      dataDir,
      onProgress: progressPrinter('restore'),
      ...(args.generation ? { generation: args.generation } : {}),
    });
    console.log(
      `Checked: ${plural(result.files, 'file')} (${formatBytes(result.bytes)}) matched their sha256; ` +
        `the database passed integrity_check.`,
    );
    if (result.previousDir) console.log(`The data that was in ${dataDir} is kept in ${result.previousDir}.`);
    console.log(`Restored backup ${result.generation} into ${dataDir}.`);
    return 0;
  } catch (error) {
    return printFailure('restore', error);
  }
}

process.exitCode = await main();
