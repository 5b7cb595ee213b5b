// The central database's address in fleet_settings, kept like the SMTP password (mail/settings.ts): the
// address is stored without its password, the password only sealed in a SecretBox with the box's name beside
// it, screens see the address's parts and whether a password is set, and the password is opened (in memory
// only) just for the connection.
import type { Kysely } from 'kysely';
import type { Database, FleetSettings, SecretBoxKind } from '../../../db/schema';
import {
  connectSslMode,
  parseCentralAddress,
  transportOf,
  type CentralAddress,
  type FleetSettingsView,
} from '../../shared/fleet';
import { AppFailure } from '../errors';
import { openSealedPassword, type SecretBoxes } from '../mail/settings';
import type { StationIdentity } from './station';

/** What fleet.saveSettings hands main, its address already checked by the contract. */
export interface FleetSettingsInput {
  url: string;
  password?: string | undefined;
  clearPassword?: boolean | undefined;
  airfieldName: string;
  enabled: boolean;
}

/** The saved address with its password opened: for the connection to the central database, nothing else. */
export interface FleetConnection extends Omit<CentralAddress, 'withoutPassword'> {
  /** The address as saved, without the password (what may be shown or logged). */
  address: string;
  enabled: boolean;
  airfieldName: string;
}

/** Whether saving `input` stores a new password: typed in its field, or written in the address. */
export function typesPassword(input: FleetSettingsInput): boolean {
  if (input.password) return true;
  const parsed = parseCentralAddress(input.url);
  return parsed.ok && parsed.address.password !== null;
}

const readRow = (db: Kysely<Database>) =>
  db.selectFrom('fleet_settings').selectAll().where('id', '=', 1).executeTakeFirst();

/** The stored address taken apart; the table only ever holds addresses that parsed when saved. */
function addressOf(row: FleetSettings): CentralAddress {
  const parsed = parseCentralAddress(row.url);
  if (!parsed.ok)
    throw new AppFailure('CONFLICT', `The saved central database address is not valid: ${parsed.message}`);
  return parsed.address;
}

function view(row: FleetSettings | undefined, station: StationIdentity): FleetSettingsView {
  const identity = { stationId: station.stationId, timeZone: station.timeZone, currency: station.currency };
  if (!row) {
    return {
      configured: false,
      enabled: false,
      address: '',
      host: '',
      port: 5432,
      database: '',
      user: '',
      passwordSet: false,
      passwordKeptBy: null,
      airfieldName: '',
      transport: null,
      ...identity,
      updatedAt: null,
    };
  }
  const address = addressOf(row);
  return {
    configured: true,
    enabled: row.enabled === 1,
    address: address.withoutPassword,
    host: address.host,
    port: address.port,
    database: address.database,
    user: address.user,
    passwordSet: row.password_encrypted !== null,
    passwordKeptBy: row.password_box,
    airfieldName: row.airfield_name,
    transport: transportOf(address),
    ...identity,
    updatedAt: row.updated_at,
  };
}

export async function readFleetSettings(
  db: Kysely<Database>,
  station: StationIdentity,
): Promise<FleetSettingsView> {
  return view(await readRow(db), station);
}

/** Whether an address is saved and syncing is on. */
export async function syncSwitchedOn(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('fleet_settings').select('enabled').where('id', '=', 1).executeTakeFirst();
  return row?.enabled === 1;
}

export async function saveFleetSettings(
  db: Kysely<Database>,
  boxes: SecretBoxes,
  input: FleetSettingsInput,
  by: string | null,
  now: Date,
): Promise<void> {
  const parsed = parseCentralAddress(input.url);
  if (!parsed.ok)
    throw new AppFailure('VALIDATION', parsed.message, [{ path: 'url', message: parsed.message }]);
  const before = await readRow(db);
  const typed = input.password ? input.password : parsed.address.password;
  let sealed: { password_encrypted: Buffer | null; password_box: SecretBoxKind | null } = {
    password_encrypted: before?.password_encrypted ?? null,
    password_box: before?.password_box ?? null,
  };
  if (input.clearPassword) sealed = { password_encrypted: null, password_box: null };
  else if (typed) {
    sealed = { password_encrypted: await boxes.preferred.encrypt(typed), password_box: boxes.preferred.kind };
  }
  const row = {
    enabled: input.enabled ? (1 as const) : (0 as const),
    url: parsed.address.withoutPassword,
    ...sealed,
    airfield_name: input.airfieldName,
    updated_by: by,
    updated_at: now.toISOString(),
  };
  await db
    .insertInto('fleet_settings')
    .values({ id: 1, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

/** The saved connection with its password opened, or null when no address is saved. */
export async function openFleetConnection(
  db: Kysely<Database>,
  boxes: SecretBoxes,
): Promise<FleetConnection | null> {
  const row = await readRow(db);
  if (!row) return null;
  const { withoutPassword, password: _none, ...address } = addressOf(row);
  const password = await openSealedPassword(boxes, row, {
    name: 'central database password',
    where: 'Settings → Central database',
  });
  return {
    ...address,
    password,
    address: withoutPassword,
    enabled: row.enabled === 1,
    airfieldName: row.airfield_name,
  };
}

/**
 * The full connection string with the password in it, for node-postgres alone (its `connectionString` parse
 * overrides a separate `password`), with the ssl mode the kiosk connects with written out (connectSslMode:
 * TLS with a checked certificate unless the address says otherwise or the server is this computer). Never log
 * it, return it to a screen or put it in an error.
 */
export function connectionStringOf(connection: FleetConnection): string {
  const url = new URL(connection.address);
  url.searchParams.set('sslmode', connectSslMode(connection));
  if (connection.password !== null) url.password = encodeURIComponent(connection.password);
  return url.toString();
}
