// npm run fleet:report -- --database URL --from YYYY-MM-DD --to YYYY-MM-DD [--user NAME_OR_ID]
// The fleet report for the office, without a kiosk: every airfield's figures for the local days given, read from
// the central database as the kiosks' app role (the URL's user; its password may come from PGPASSWORD instead,
// which keeps it out of the shell's history), acting as the admin --user names (office-admin.ts). Prints the
// CSV the Reports screen's figures make (csv.ts) on stdout and a line saying what it read on stderr. Never prints
// the password. Exit codes: 0 done, 1 the report could not be made, 2 bad arguments.
import { reportRangeInput } from '../../../shared/reports';
import { AppFailure } from '../../errors';
import {
  checkCentralSchema,
  CentralDatabaseError,
  explainCentralError,
  openCentral,
} from '../central/connect';
import { fleetReportCsv } from './csv';
import { findOfficeAdmin, OfficeAdminError } from './office-admin';
import { readFleetReport } from './service';

const USAGE =
  'usage: npm run fleet:report -- --database URL --from YYYY-MM-DD --to YYYY-MM-DD [--user NAME_OR_ID]';

interface ReportOptions {
  url: string;
  from: string;
  to: string;
  user?: string;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): ReportOptions {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--(database|from|to|user)(?:=(.*))?$/.exec(arg);
    if (!match) {
      throw new UsageError(`unknown argument "${arg.startsWith('--') ? arg : '(a value)'}" (${USAGE})`);
    }
    const name = match[1] as string;
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '' || (match[2] === undefined && value.startsWith('--'))) {
      throw new UsageError(`--${name} needs a value (${USAGE})`);
    }
    values[name] = value;
  }
  for (const [name, what] of [
    ['database', 'URL'],
    ['from', 'YYYY-MM-DD'],
    ['to', 'YYYY-MM-DD'],
  ] as const) {
    if (values[name] === undefined) throw new UsageError(`missing --${name} ${what} (${USAGE})`);
  }
  const range = reportRangeInput.safeParse({ from: values.from, to: values.to });
  if (!range.success) {
    const issue = range.error.issues[0];
    throw new UsageError(`--${issue?.path.join('.') || 'from'}: ${issue?.message ?? 'not a day'}`);
  }
  return {
    url: values.database as string,
    ...range.data,
    ...(values.user === undefined ? {} : { user: values.user }),
  };
}

async function main(): Promise<number> {
  let options: ReportOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    console.error(`fleet:report: ${(error as Error).message}`);
    return 2;
  }
  let db;
  try {
    db = openCentral(options.url, { maxConnections: 1 });
  } catch (error) {
    console.error(`fleet:report: ${explainCentralError(error, options.url).message}`);
    return 1;
  }
  try {
    await checkCentralSchema(db, options.url);
    const admin = await findOfficeAdmin(db, options.user).catch((error: unknown) => {
      throw error instanceof OfficeAdminError ? error : explainCentralError(error, options.url);
    });
    const view = await readFleetReport(
      { db, url: options.url },
      { userId: admin.id, role: 'admin' },
      { from: options.from, to: options.to },
    );
    process.stdout.write(fleetReportCsv(view));
    console.error(
      `fleet:report: ${view.airfields.length} airfields, ${options.from} to ${options.to} (each airfield's ` +
        `local days), read as ${admin.name}, admin at ${admin.airfield}.`,
    );
    return 0;
  } catch (error) {
    // Every message below is already in plain words and without the password (explainCentralError).
    const known =
      error instanceof CentralDatabaseError ||
      error instanceof OfficeAdminError ||
      error instanceof AppFailure;
    console.error(`fleet:report: ${known ? error.message : explainCentralError(error, options.url).message}`);
    return 1;
  } finally {
    await db.destroy();
  }
}

process.exitCode = await main();
