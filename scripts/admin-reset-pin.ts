// npm run admin:reset-pin -- --data-dir DIR [--name NAME] --pin PIN: the way back in when every admin is
// locked out or has forgotten their PIN. It needs the kiosk machine itself (a shell on it and the data
// folder), which is what makes it safe: nobody on the network can run it. Sets the admin's PIN, lifts both
// their locks (for tries on the kiosk machine and from the network), ends their sessions and records all of
// it in the audit log.
// Exit codes: 0 done, 1 the database could not be changed, 2 bad arguments.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase, type MagnumDatabase } from '../db/open';
import { DATABASE_FILE } from '../src/main/config';
import { pinSchema } from '../src/shared/users';
import { resetPinAndSignOut, type PinReset } from '../src/main/users/service';
import { argsOrUsage, parseFlags, UsageError } from './cli-args';

const USAGE = 'usage: npm run admin:reset-pin -- --data-dir DIR [--name NAME] --pin PIN';
/** Written into the audit entry, so admins reading the log know the reset did not come from a screen. */
const VIA = 'admin:reset-pin on the kiosk machine';

interface Args {
  dataDir: string;
  name?: string;
  pin: string;
}

function parseArgs(argv: string[]): Args {
  const { values } = parseFlags(argv, ['data-dir', 'name', 'pin']);
  if (!values['data-dir']) throw new UsageError('missing --data-dir DIR');
  if (values.pin === undefined) throw new UsageError('missing --pin PIN');
  if (!pinSchema.safeParse(values.pin).success) throw new UsageError('the PIN must be 4 to 8 digits');
  return {
    dataDir: resolve(values['data-dir']),
    pin: values.pin,
    ...(values.name ? { name: values.name.trim() } : {}),
  };
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** Both lockouts are lifted (tries on this machine, tries from the network); says which had counted what. */
function describeLifted(before: PinReset['before']): string {
  const counts = [
    before.failedPinAttempts > 0
      ? `${plural(before.failedPinAttempts, 'wrong PIN', 'wrong PINs')} on this machine`
      : '',
    before.networkFailedPinAttempts > 0
      ? `${plural(before.networkFailedPinAttempts, 'wrong PIN', 'wrong PINs')} from the network`
      : '',
    before.lockedUntil ? `locked until ${before.lockedUntil}` : '',
  ].filter(Boolean);
  return counts.length > 0 ? `Lifted the lockout (${counts.join(', ')}).` : 'There was no lockout to lift.';
}

async function main(): Promise<number> {
  const args = argsOrUsage('admin:reset-pin', USAGE, parseArgs);
  if (!args) return 2;
  const dbPath = join(args.dataDir, DATABASE_FILE);
  if (!existsSync(dbPath)) {
    console.error(`admin:reset-pin: no kiosk database in ${args.dataDir} (${USAGE})`);
    return 2;
  }

  let database: MagnumDatabase;
  try {
    database = await openDatabase(dbPath);
  } catch (error) {
    console.error(`admin:reset-pin: ${(error as Error).message}`);
    return 1;
  }
  try {
    const admins = await database.db
      .selectFrom('users')
      .select(['id', 'name'])
      .where('role', '=', 'admin')
      .where('active', '=', 1)
      .orderBy('name')
      .execute();
    const names = admins.map((admin) => admin.name).join(', ');
    if (admins.length === 0) {
      console.error(
        'admin:reset-pin: this kiosk has no active admin yet; start it and create one on screen.',
      );
      return 1;
    }
    let admin = admins[0]!;
    if (args.name !== undefined) {
      const wanted = args.name.toLocaleLowerCase();
      const found = admins.find((candidate) => candidate.name.toLocaleLowerCase() === wanted);
      if (!found) {
        console.error(`admin:reset-pin: no active admin called "${args.name}" (admins: ${names})`);
        return 2;
      }
      admin = found;
    } else if (admins.length > 1) {
      console.error(
        `admin:reset-pin: this kiosk has ${admins.length} admins (${names}); choose one with --name`,
      );
      return 2;
    }

    const reset = await resetPinAndSignOut(database.db, { id: admin.id, pin: args.pin }, null, {
      now: new Date(),
      via: VIA,
    });
    console.log(`Set a new PIN for ${reset.user.name} (admin) in ${dbPath}.`);
    console.log(describeLifted(reset.before));
    console.log(
      `Ended ${plural(reset.sessionsEnded, 'session', 'sessions')}: screens signed in as them ask for the PIN again.`,
    );
    console.log('Recorded in the audit log (reset_pin).');
    return 0;
  } catch (error) {
    console.error(`admin:reset-pin: ${(error as Error).message}`);
    return 1;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
