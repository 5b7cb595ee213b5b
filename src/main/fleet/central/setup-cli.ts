// npm run fleet:setup -- --database OWNER_URL --app-role NAME [--app-password PW]
// Sets up (or brings up to date) the fleet's central PostgreSQL database as its owner, and the role kiosks
// connect as (setup.ts says what that role may do). The password may also come from FLEET_APP_PASSWORD, which
// keeps it out of the shell's history and the process list. Running it again changes nothing and says so.
// Never prints a password. Exit codes: 0 done, 1 the setup failed, 2 bad arguments.
import { describeUrl, explainCentralError } from './connect';
import { CentralSetupError, setUpCentral } from './setup';
import type { CentralSetupOptions } from './setup';

const USAGE = 'usage: npm run fleet:setup -- --database OWNER_URL --app-role NAME [--app-password PASSWORD]';

function parseArgs(argv: string[], env: NodeJS.ProcessEnv): CentralSetupOptions {
  const values: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    const match = /^--(database|app-role|app-password)(?:=(.*))?$/.exec(arg);
    if (!match) throw new Error(`unknown argument "${arg.startsWith('--') ? arg : '(a value)'}" (${USAGE})`);
    const name = match[1] as string;
    const value = match[2] ?? argv[++i];
    if (value === undefined || value === '' || (match[2] === undefined && value.startsWith('--'))) {
      throw new Error(`--${name} needs a value (${USAGE})`);
    }
    values[name] = value;
  }
  if (values.database === undefined) throw new Error(`missing --database OWNER_URL (${USAGE})`);
  if (values['app-role'] === undefined) throw new Error(`missing --app-role NAME (${USAGE})`);
  const password = values['app-password'] ?? env.FLEET_APP_PASSWORD;
  return {
    ownerUrl: values.database,
    appRole: values['app-role'],
    ...(password === undefined || password === '' ? {} : { appPassword: password }),
  };
}

async function main(): Promise<number> {
  let options: CentralSetupOptions;
  try {
    options = parseArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`fleet:setup: ${(error as Error).message}`);
    return 2;
  }
  try {
    const report = await setUpCentral(options);
    console.log(`Central database: ${report.database}`);
    for (const name of report.applied) console.log(`  applied migration ${name}`);
    for (const change of report.changes) console.log(`  ${change}`);
    if (report.applied.length === 0 && report.changes.length === 0) {
      console.log(
        `  nothing to change: the schema is current and ${options.appRole} is set up as it should be`,
      );
    }
    const app = new URL(options.ownerUrl);
    app.username = options.appRole;
    app.password = 'PASSWORD';
    app.searchParams.delete('password');
    console.log(
      `Kiosks connect as ${describeUrl(app.toString())}: ${app.toString()} (with its real password)`,
    );
    return 0;
  } catch (error) {
    // Anything else goes through the same plain-words mapping a kiosk uses, which never shows the password.
    const message =
      error instanceof CentralSetupError
        ? error.message
        : explainCentralError(error, options.ownerUrl).message;
    console.error(`fleet:setup: ${message}`);
    return 1;
  }
}

process.exitCode = await main();
