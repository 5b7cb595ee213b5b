// What every screen hears of a failed sync (the status strip shows it before anyone signs in, also to a device on
// the kiosk's network): for each way explainCentralError can explain a failure, and for a failure on the
// kiosk's side, the reason without the central server's address, port, database or user, and without another
// program's own words (they may name the server or a folder). The admin's own view keeps all of it.
import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../shared/fleet';
import { explainCentralError } from '../central/connect';
import { LOCAL_FAILURE, plainFailure } from './change-log';
import { reasonForEveryone, statusForEveryone } from './status';

const URL = 'postgres://alpine_kiosk:pw@10.20.30.40:6543/alpine_fleet';
const REVEALING = /10\.20\.30\.40|6543|alpine_kiosk|alpine_fleet|db\.alpine\.example|\/srv\/magnum/;

const coded = (code: string, message = `failed with ${code}`) => Object.assign(new Error(message), { code });

/** One error per explanation connect.ts gives, each saying where in the driver's words too. */
const FAILURES: Array<[string, unknown]> = [
  ['refused', coded('ECONNREFUSED', 'connect ECONNREFUSED 10.20.30.40:6543')],
  ['unknown host', coded('ENOTFOUND', 'getaddrinfo ENOTFOUND db.alpine.example')],
  ['timed out', coded('ETIMEDOUT', 'connect ETIMEDOUT 10.20.30.40:6543')],
  ['wrong password', coded('28P01', 'password authentication failed for user "alpine_kiosk"')],
  ['no pg_hba entry', coded('28000', 'no pg_hba.conf entry for host "10.9.8.7", user "alpine_kiosk"')],
  ['no database', coded('3D000', 'database "alpine_fleet" does not exist')],
  ['no schema', coded('42P01', 'relation "fleet_migration" does not exist')],
  ['row refused', coded('42501', 'new row violates row-level security policy for table "sales"')],
  ['no rights', coded('42501', 'permission denied for table sales')],
  ['busy', coded('53300', 'sorry, too many clients already')],
  ['no TLS', new Error('The server does not support SSL connections')],
  ['self-signed', coded('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate')],
  [
    'other name',
    coded(
      'ERR_TLS_CERT_ALTNAME_INVALID',
      "Hostname/IP does not match: IP: 10.20.30.40 is not in the cert's list",
    ),
  ],
  ['expired', coded('CERT_HAS_EXPIRED', 'certificate has expired')],
  ['other TLS', new Error('SSL alert from 10.20.30.40:6543: handshake failure')],
  ['anything else', new Error('unexpected message from db.alpine.example (10.20.30.40)')],
  ['bad URL', coded('ERR_INVALID_URL', 'Invalid URL')],
];

describe('the sync failure every screen may hear', () => {
  it.each(FAILURES)('%s: says what happened, never where the database is or as whom', (_, error) => {
    const admin = plainFailure(explainCentralError(error, URL).message);
    const everyone = reasonForEveryone(admin);
    expect(everyone).not.toMatch(REVEALING);
    expect(everyone.length).toBeGreaterThan(30);
    expect(everyone).toMatch(/^(The|Cannot)/);
  });

  it('keeps what to do after where the database is', () => {
    const admin = explainCentralError(coded('ECONNREFUSED'), URL).message;
    expect(admin).toContain('(database alpine_fleet on 10.20.30.40:6543 as alpine_kiosk)');
    expect(reasonForEveryone(admin)).toBe(
      'Cannot reach the central database: nothing answers at that address and port. Check that PostgreSQL ' +
        'runs there and accepts connections from this kiosk.',
    );
  });

  it('leaves out another program’s words: the driver’s, or the kiosk’s own database’s', () => {
    const local = `${LOCAL_FAILURE}: SQLITE_CANTOPEN: unable to open /srv/magnum/data/magnum.db`;
    expect(reasonForEveryone(local)).toBe(
      `${LOCAL_FAILURE}. An admin sees why under Settings → Central database.`,
    );
    const status: SyncStatus = { configured: true, pending: 3, lastPushAt: null, lastError: local };
    expect(statusForEveryone(status)).toEqual({ ...status, lastError: reasonForEveryone(local) });
    expect(statusForEveryone({ ...status, lastError: null }).lastError).toBeNull();
  });
});
