// How a kiosk talks to the fleet's central PostgreSQL: a kysely handle over a pg pool, work run in one
// transaction as an acting user (reports) or as a station (a kiosk pushing its rows), the schema check, and
// connection failures said in plain words. The row rules themselves live in the database (migration 2): this
// file only says who is asking, per transaction, so a query that forgets its WHERE still sees only its rows.
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Transaction } from 'kysely';
import tls from 'node:tls';
import pg from 'pg';
import type { UserRole } from '../../../../db/schema';
import { USER_ROLES } from '../../../../db/schema';
import { connectSslMode } from '../../../shared/fleet';
import { centralMigrations, MIGRATION_TABLE } from './migrations/index';
import type { CentralDatabase } from './schema';

export type CentralDb = Kysely<CentralDatabase>;
export type CentralTransaction = Transaction<CentralDatabase>;

export interface OpenCentralOptions {
  /** Connections kept open at most (default 4: a kiosk pushes one batch at a time and reads a report or two). */
  maxConnections?: number;
  /** How long to wait for a connection before saying the server cannot be reached (default 10 s). */
  connectTimeoutMs?: number;
  /**
   * How long one query may take before it is given up (default 60 s). With TCP keepalive, this is what ends a
   * push whose network went silent mid-query (a cut cable sends nothing back), so the agent retries later.
   */
  queryTimeoutMs?: number;
  /**
   * A CA certificate (PEM) to trust beside the public authorities Node knows, for a URL whose sslmode checks
   * the certificate. Tests only, with a CA of their own: a kiosk trusts the public authorities alone.
   */
  extraCa?: string;
}

const CHECKED_SSL_MODES = new Set(['prefer', 'require', 'verify-ca', 'verify-full']);

/**
 * The URL with the kiosk's rule for an address that says nothing of TLS (connectSslMode): a checked TLS
 * connection to another computer, so the office commands (fleet:setup, fleet:report) follow it as the kiosk
 * does. An address that names any ssl setting, or a socket, is left as written; null when it is no URL.
 */
function withSecureDefault(url: string): URL | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const namesSsl = [...parsed.searchParams.keys()].some((key) => /^ssl|^uselibpqcompat$/i.test(key));
  const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
  if (namesSsl || host.startsWith('/')) return parsed;
  const mode = connectSslMode({ host, options: {} });
  // Only a mode that asks for more than node-postgres's default (clear) is written in.
  if (mode !== 'disable') parsed.searchParams.set('sslmode', mode);
  return parsed;
}

/**
 * The URL and TLS settings for node-postgres. Its URL parse decides `ssl`, so to add a CA the ssl mode comes out
 * of the URL and the check goes in as settings: a certificate the public or the extra CA vouches for, for the
 * host named (Node's default check).
 */
export function connectionOf(
  url: string,
  extraCa: string | undefined,
): { connectionString: string; ssl?: object } {
  const parsed = withSecureDefault(url);
  if (!parsed) return { connectionString: url };
  if (extraCa === undefined || !CHECKED_SSL_MODES.has(parsed.searchParams.get('sslmode') ?? '')) {
    return { connectionString: parsed.searchParams.has('sslmode') ? parsed.toString() : url };
  }
  parsed.searchParams.delete('sslmode');
  return {
    connectionString: parsed.toString(),
    ssl: { rejectUnauthorized: true, ca: [...tls.rootCertificates, extraCa] },
  };
}

/**
 * bigint columns (storage bytes, cursors, count(*)) as JavaScript numbers, for this pool only: pg's default is
 * a string. Past 2^53 a number would silently change, so such a value fails the query instead.
 */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value))
    throw new RangeError(`a bigint value (${text}) is too large for a number`);
  return value;
}

const typeParsers = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 && format !== 'binary'
      ? parseInt8
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

export function openCentral(url: string, options: OpenCentralOptions = {}): CentralDb {
  const pool = new pg.Pool({
    ...connectionOf(url, options.extraCa),
    max: options.maxConnections ?? 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    query_timeout: options.queryTimeoutMs ?? 60_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: 'magnumstream',
    types: typeParsers,
  });
  // A connection the server drops while idle (restart, network cut) is reported here; the next query gets a
  // fresh connection or its own error. Without a listener, Node would end the kiosk for it.
  pool.on('error', () => {});
  return new Kysely<CentralDatabase>({ dialect: new PostgresDialect({ pool }) });
}

export interface ActingUser {
  userId: string;
  role: UserRole;
}

/**
 * Runs `work` in one transaction as a kiosk user reading the central copy: the database shows them what the
 * data model's rules allow (admins everything, others their own flights, sales and user row) and lets them
 * write nothing.
 */
export async function asUser<T>(
  db: CentralDb,
  user: ActingUser,
  work: (trx: CentralTransaction) => Promise<T>,
): Promise<T> {
  if (user.userId.trim() === '') throw new Error('asUser needs a user id');
  if (!(USER_ROLES as readonly string[]).includes(user.role)) throw new Error(`unknown role "${user.role}"`);
  return await db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('app.current_user_id', ${user.userId}, true),
      set_config('app.current_role', ${user.role}, true),
      set_config('app.current_station', '', true)`.execute(trx);
    return await work(trx);
  });
}

/** Runs `work` in one transaction as a station: it reads and writes rows of its own station_id only. */
export async function asStation<T>(
  db: CentralDb,
  stationId: string,
  work: (trx: CentralTransaction) => Promise<T>,
): Promise<T> {
  if (stationId.trim() === '') throw new Error('asStation needs a station id');
  return await db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('app.current_station', ${stationId}, true),
      set_config('app.current_user_id', '', true),
      set_config('app.current_role', '', true)`.execute(trx);
    return await work(trx);
  });
}

/** "database fleet on db.example.org:5432 as magnum_app": where a URL points, never its password. */
export function describeUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'a database URL that cannot be read (expected postgres://user:password@host:port/database)';
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    return 'a URL that is not a PostgreSQL one (expected postgres://user:password@host:port/database)';
  }
  const decode = (text: string) => {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  };
  const database = decode(parsed.pathname.replace(/^\//, '')) || '(the user’s default database)';
  const host = parsed.hostname || parsed.searchParams.get('host') || 'localhost';
  const port = parsed.port || '5432';
  const user = parsed.username ? decode(parsed.username) : '(no user given)';
  return `database ${database} on ${host}:${port} as ${user}`;
}

export type CentralProblem =
  | 'BAD_URL'
  | 'UNREACHABLE'
  | 'SIGN_IN_FAILED'
  | 'DATABASE_MISSING'
  | 'SCHEMA_MISSING'
  | 'SCHEMA_OLD'
  | 'NOT_ALLOWED'
  | 'REFUSED_BY_POLICY'
  | 'BUSY'
  | 'NOT_SECURE'
  | 'FAILED';

/** A central-database failure in plain words (what happened, what to do), never holding the password. */
export class CentralDatabaseError extends Error {
  constructor(
    readonly problem: CentralProblem,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'CentralDatabaseError';
  }
}

const SETUP = 'run npm run fleet:setup (see the README, "Central database")';

/** The password in a URL, in its user part or (as libpq also reads it) a ?password= parameter. */
function passwordOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    const password = parsed.password || parsed.searchParams.get('password') || '';
    return password === '' ? undefined : password;
  } catch {
    return undefined;
  }
}

/** Removes the URL's password from a text, raw and decoded, in case a driver message ever echoes it. */
function withoutPassword(text: string, url: string): string {
  const password = passwordOf(url);
  if (password === undefined) return text;
  let decoded = password;
  try {
    decoded = decodeURIComponent(password);
  } catch {
    // keep the raw form only
  }
  return text.split(password).join('***').split(decoded).join('***');
}

function codesOf(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [];
  const own = (error as { code?: unknown }).code;
  const inner = (error as { errors?: unknown }).errors;
  return [
    ...(typeof own === 'string' ? [own] : []),
    ...(Array.isArray(inner) ? inner.flatMap((item) => codesOf(item)) : []),
  ];
}

/**
 * The openings of the two explanations that end in the driver's own words, which may name the server: the
 * status every screen hears keeps only the opening (sync/status.ts). Every other explanation names where the
 * database is only as "(database … on host:port as user)" (describeUrl in parentheses), which it leaves out.
 */
export const CENTRAL_FAILED = 'The central database failed';
export const SECURE_CONNECTION_FAILED = 'The secure connection to the central database failed';

/** Node's codes for a server certificate it does not trust (tls.checkServerIdentity and OpenSSL's verify). */
const UNTRUSTED_CERTIFICATE = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);

/**
 * What to say when the kiosk would not send its rows because the connection is not the secure one asked for:
 * a server without TLS, or one whose certificate is not trusted, out of date or for another name. Someone on
 * the network posing as the central database looks exactly like this, so the words say so.
 */
function explainTlsFailure(codes: string[], text: string, where: string): string | null {
  const has = (...wanted: string[]) => wanted.some((code) => codes.includes(code));
  if (/server does not support SSL/i.test(text)) {
    return (
      `The central database does not offer an encrypted connection (${where}), so the kiosk sent nothing. ` +
      'Ask the fleet operator to turn on TLS on the server (README: Central database). Only on a private ' +
      'network you trust, add ?sslmode=disable to the address.'
    );
  }
  const untrusted =
    codes.some((code) => UNTRUSTED_CERTIFICATE.has(code)) ||
    /self[- ]signed certificate|unable to verify the first certificate/i.test(text);
  if (untrusted) {
    return (
      `The central database's certificate is not signed by an authority this kiosk trusts (${where}), so ` +
      'the kiosk sent nothing: another machine may be posing as the server. Ask the fleet operator for a ' +
      'certificate from a public authority on the server.'
    );
  }
  if (has('ERR_TLS_CERT_ALTNAME_INVALID')) {
    return (
      `The central database's certificate is for another server name (${where}), so the kiosk sent ` +
      'nothing: another machine may be posing as the server. Check the server name in the address.'
    );
  }
  if (has('CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID')) {
    return (
      `The central database's certificate is out of date (${where}), or this kiosk's clock is wrong, so ` +
      'the kiosk sent nothing. Check the date on this kiosk, then ask the fleet operator to renew it.'
    );
  }
  return null;
}

/** Turns an error from talking to the central database into a CentralDatabaseError the operator can act on. */
export function explainCentralError(error: unknown, url: string): CentralDatabaseError {
  if (error instanceof CentralDatabaseError) return error;
  const where = describeUrl(url);
  const codes = codesOf(error);
  const text = error instanceof Error ? error.message : String(error);
  const has = (...wanted: string[]) => wanted.some((code) => codes.includes(code));
  const make = (problem: CentralProblem, message: string) =>
    new CentralDatabaseError(problem, message, { cause: error });

  if (has('ERR_INVALID_URL') || /Invalid URL/i.test(text)) {
    return make('BAD_URL', `The central database's address is not a usable URL (${where}).`);
  }
  // Before the network failures: a TLS refusal can also end as a reset connection.
  const secure = explainTlsFailure(codes, text, where);
  if (secure) return make('NOT_SECURE', secure);
  if (has('ECONNREFUSED')) {
    return make(
      'UNREACHABLE',
      `Cannot reach the central database (${where}): nothing answers at that address and port. ` +
        'Check that PostgreSQL runs there and accepts connections from this kiosk.',
    );
  }
  if (has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME')) {
    return make(
      'UNREACHABLE',
      `Cannot reach the central database (${where}): the host name is not known. Check the address and ` +
        'that this kiosk is online.',
    );
  }
  if (
    has('ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE') ||
    /timeout|Connection terminated/i.test(text)
  ) {
    return make(
      'UNREACHABLE',
      `Cannot reach the central database (${where}): the connection timed out or was cut. Check that this ` +
        'kiosk is online; it keeps its changes and tries again later.',
    );
  }
  if (has('28P01') || /client password must be a (non-empty )?string/.test(text)) {
    return make(
      'SIGN_IN_FAILED',
      `The central database refused the sign-in (${where}): wrong user name or password. Check the URL ` +
        'the fleet operator gave this kiosk.',
    );
  }
  if (has('28000')) {
    return make(
      'SIGN_IN_FAILED',
      `The central database does not let this kiosk sign in (${where}): its access rules (pg_hba.conf) ` +
        'have no entry for this address, user and database. Ask the fleet operator to allow it.',
    );
  }
  if (has('3D000')) {
    return make(
      'DATABASE_MISSING',
      `The central database does not exist (${where}). Check the database name in the URL, or create it ` +
        `and ${SETUP}.`,
    );
  }
  if (has('42P01')) {
    return make('SCHEMA_MISSING', `The central database is not set up yet (${where}): ${SETUP}.`);
  }
  if (has('42501') && /row-level security/i.test(text)) {
    return make(
      'REFUSED_BY_POLICY',
      `The central database refused a row this kiosk may not write (${where}): rows belong to the station ` +
        'that sent them.',
    );
  }
  if (has('42501')) {
    return make(
      'NOT_ALLOWED',
      `The central database's role has no rights on the fleet tables (${where}): ${SETUP} with ` +
        '--app-role naming this role.',
    );
  }
  if (has('53300', '57P03', '57P01', '57P02', '08006', '08001', '08004')) {
    return make(
      'BUSY',
      `The central database cannot take this kiosk right now (${where}): it is starting, stopping or has ` +
        'too many connections. The kiosk tries again later.',
    );
  }
  if (/SSL|certificate/i.test(text)) {
    return make(
      'NOT_SECURE',
      `${SECURE_CONNECTION_FAILED} (${where}): ${withoutPassword(text, url)}. ` +
        'Check the sslmode in the URL and the server certificate.',
    );
  }
  return make('FAILED', `${CENTRAL_FAILED} (${where}): ${withoutPassword(text, url)}.`);
}

/**
 * Checks that the central database has every migration this kiosk knows (it may have newer ones: those only
 * add). Throws a CentralDatabaseError saying what to do when it does not, or cannot be reached.
 */
export async function checkCentralSchema(db: CentralDb, url: string): Promise<void> {
  let applied: string[];
  try {
    const result = await sql<{ name: string }>`SELECT name FROM ${sql.table(MIGRATION_TABLE)}`.execute(db);
    applied = result.rows.map((row) => row.name);
  } catch (error) {
    throw explainCentralError(error, url);
  }
  const missing = Object.keys(centralMigrations).filter((name) => !applied.includes(name));
  if (applied.length === 0) {
    throw new CentralDatabaseError(
      'SCHEMA_MISSING',
      `The central database is not set up yet (${describeUrl(url)}): ${SETUP}.`,
    );
  }
  if (missing.length > 0) {
    throw new CentralDatabaseError(
      'SCHEMA_OLD',
      `The central database's schema is older than this kiosk expects (${describeUrl(url)}): missing ` +
        `${missing.join(', ')}; ${SETUP} with this version of MagnumStream.`,
    );
  }
}
