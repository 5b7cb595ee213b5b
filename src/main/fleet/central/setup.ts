// What `npm run fleet:setup` does, as the central database's owner: bring the schema up to date, and make the
// role kiosks connect as, with exactly the rights the row rules assume: it logs in, reads and writes the fleet
// tables' rows (which the policies then filter), and can do nothing else: not superuser, no BYPASSRLS, not the
// tables' owner nor a member of it, no TRUNCATE (it ignores row security), no CREATE in the schema.
//
// Idempotent: each step looks before it acts and the report lists only what changed, so a second run says
// "nothing to change". The password never appears in the report, and is sent to the server only as a SCRAM
// verifier, so it cannot land in the server's statement log either.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { describeUrl, explainCentralError, openCentral } from './connect';
import type { CentralDb } from './connect';
import { migrateCentral } from './migrate';
import { MIGRATION_TABLE } from './migrations/index';
import { CENTRAL_TABLES } from './schema';

export interface CentralSetupOptions {
  /** A URL signing in as the role that owns (or will own) the fleet tables. */
  ownerUrl: string;
  /** The role kiosks connect as. */
  appRole: string;
  /** Needed to create the role; when the role exists, its password is set to this one if it differs. */
  appPassword?: string;
}

export interface CentralSetupReport {
  /** Where the setup ran (describeUrl of the owner's URL). */
  database: string;
  /** Migrations applied by this run. */
  applied: string[];
  /** Everything else this run changed, one plain line each; empty when there was nothing to do. */
  changes: string[];
}

/** Thrown for a setup that cannot go on (a role that would own the tables, a missing password...). */
export class CentralSetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CentralSetupError';
  }
}

const ROLE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;
const TABLE_RIGHTS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const;
/** Table rights the app role must not hold: TRUNCATE empties a table whatever the policies say. */
const FORBIDDEN_TABLE_RIGHTS = ['TRUNCATE', 'REFERENCES', 'TRIGGER'] as const;

/** SASLprep as PostgreSQL and node-postgres apply it to a password (mappings and NFKC; RFC 4013). */
function saslPrep(password: string): string {
  return (
    password
      .replace(/[\u00A0\u1680\u2000-\u200B\u202F\u205F\u3000]/g, ' ')
      // eslint-disable-next-line no-misleading-character-class -- RFC 3454 B.1 lists these joiners on purpose
      .replace(/[\u00AD\u034F\u1806\u180B\u180C\u180D\u200C\u200D\u2060\uFE00-\uFE0F\uFEFF]/g, '')
      .normalize('NFKC')
  );
}

/** The SCRAM-SHA-256 verifier PostgreSQL stores for a password (what psql's \password sends instead of it). */
export function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(saslPrep(password), salt, iterations, 32, 'sha256');
  const clientKey = createHmac('sha256', salted).update('Client Key').digest();
  const storedKey = createHash('sha256').update(clientKey).digest();
  const serverKey = createHmac('sha256', salted).update('Server Key').digest();
  const b64 = (bytes: Buffer) => bytes.toString('base64');
  return `SCRAM-SHA-256$${iterations}:${b64(salt)}$${b64(storedKey)}:${b64(serverKey)}`;
}

/** Whether `password` already signs `role` in, tried over the owner's own route to the server. */
async function passwordWorks(ownerUrl: string, role: string, password: string): Promise<boolean> {
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = encodeURIComponent(password);
  const client = new pg.Client({ connectionString: url.toString(), connectionTimeoutMillis: 5_000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

interface RoleRow {
  rolsuper: boolean;
  rolbypassrls: boolean;
  rolcreatedb: boolean;
  rolcreaterole: boolean;
  rolreplication: boolean;
  rolcanlogin: boolean;
}

async function ensureAppRole(db: CentralDb, options: CentralSetupOptions, changes: string[]): Promise<void> {
  const role = options.appRole;
  const roleId = sql.id(role);
  const found = await sql<RoleRow>`
    SELECT rolsuper, rolbypassrls, rolcreatedb, rolcreaterole, rolreplication, rolcanlogin
    FROM pg_roles WHERE rolname = ${role}`.execute(db);
  const existing = found.rows[0];
  const attributes = sql`LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION`;

  if (existing === undefined) {
    if (options.appPassword === undefined) {
      throw new CentralSetupError(
        `The role ${role} does not exist yet, and creating it needs a password: give --app-password or set ` +
          'FLEET_APP_PASSWORD.',
      );
    }
    const verifier = scramVerifier(options.appPassword);
    try {
      await sql`CREATE ROLE ${roleId} ${attributes} PASSWORD ${sql.lit(verifier)}`.execute(db);
    } catch (error) {
      if ((error as { code?: string }).code !== '42501') throw error;
      throw new CentralSetupError(
        `The owner may not create roles, so the role ${role} could not be made: give the owner CREATEROLE, ` +
          `or have a superuser create ${role} (LOGIN, with a password), then run the setup again.`,
      );
    }
    changes.push(
      `created the role ${role}: it can log in; not a superuser, no BYPASSRLS, cannot create databases or roles`,
    );
    return;
  }

  const wrong = [
    existing.rolsuper && 'superuser',
    existing.rolbypassrls && 'BYPASSRLS',
    existing.rolcreatedb && 'CREATEDB',
    existing.rolcreaterole && 'CREATEROLE',
    existing.rolreplication && 'REPLICATION',
    !existing.rolcanlogin && 'NOLOGIN',
  ].filter((item): item is string => typeof item === 'string');
  if (wrong.length > 0) {
    await sql`ALTER ROLE ${roleId} ${attributes}`.execute(db);
    changes.push(`corrected the role ${role} (it had ${wrong.join(', ')}): now LOGIN only`);
  }
  if (
    options.appPassword !== undefined &&
    !(await passwordWorks(options.ownerUrl, role, options.appPassword))
  ) {
    await sql`ALTER ROLE ${roleId} PASSWORD ${sql.lit(scramVerifier(options.appPassword))}`.execute(db);
    changes.push(`set the role ${role}'s password to the one given`);
  }
}

/** Refuses an app role that owns a fleet table or may act as its owner (membership): it could drop the rules. */
async function refuseOwnerLikeRole(db: CentralDb, role: string, schema: string): Promise<void> {
  const owners = await sql<{ owner: string; acts_as_owner: boolean }>`
    SELECT DISTINCT pg_get_userbyid(c.relowner) AS owner, pg_has_role(${role}, c.relowner, 'MEMBER') AS acts_as_owner
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = ${schema} AND c.relname = ANY(${[...CENTRAL_TABLES]})`.execute(db);
  const owner = owners.rows.find((row) => row.acts_as_owner);
  if (owner !== undefined) {
    throw new CentralSetupError(
      owner.owner === role
        ? `The role ${role} owns the fleet tables, so row security would not bind it. Kiosks need a role of ` +
            'their own: give another --app-role name.'
        : `The role ${role} is a member of ${owner.owner}, which owns the fleet tables, so it could change or ` +
            `drop them. Revoke that membership (REVOKE ${owner.owner} FROM ${role}) or give another --app-role.`,
    );
  }
}

async function ensureGrants(db: CentralDb, role: string, schema: string, changes: string[]): Promise<void> {
  const roleId = sql.id(role);
  const schemaUsage = await sql<{ ok: boolean }>`
    SELECT has_schema_privilege(${role}, ${schema}, 'USAGE') AS ok`.execute(db);
  if (!schemaUsage.rows[0]?.ok) {
    await sql`GRANT USAGE ON SCHEMA ${sql.id(schema)} TO ${roleId}`.execute(db);
    changes.push(`granted ${role} USAGE on schema ${schema}`);
  }

  /** Tables by the rights they were just granted ("SELECT, INSERT" → [stations, ...]), for one line each. */
  const granted = new Map<string, string[]>();
  const grant = (rights: string, table: string) =>
    granted.set(rights, [...(granted.get(rights) ?? []), table]);
  const revoked: string[] = [];
  const holds = async (table: string, right: string) =>
    (
      await sql<{ ok: boolean }>`
        SELECT has_table_privilege(${role}, format('%I.%I', ${schema}::text, ${table}::text), ${right}) AS ok`.execute(
        db,
      )
    ).rows[0]?.ok === true;
  for (const table of CENTRAL_TABLES) {
    const tableId = sql.id(schema, table);
    const missing: string[] = [];
    for (const right of TABLE_RIGHTS) if (!(await holds(table, right))) missing.push(right);
    if (missing.length > 0) {
      await sql`GRANT ${sql.raw(missing.join(', '))} ON TABLE ${tableId} TO ${roleId}`.execute(db);
      grant(missing.join(', '), table);
    }
    for (const right of FORBIDDEN_TABLE_RIGHTS) {
      if (!(await holds(table, right))) continue;
      await sql`REVOKE ${sql.raw(right)} ON TABLE ${tableId} FROM ${roleId}, PUBLIC`.execute(db);
      revoked.push(`${right} on ${table}`);
    }
  }
  // Read-only, for the kiosk's "is the schema the one I expect" check (connect.ts).
  if (!(await holds(MIGRATION_TABLE, 'SELECT'))) {
    await sql`GRANT SELECT ON TABLE ${sql.id(schema, MIGRATION_TABLE)} TO ${roleId}`.execute(db);
    grant('SELECT', MIGRATION_TABLE);
  }
  // No sequence rights: every fleet table's key is the kiosk's own (text ids), none draws from a sequence.
  for (const [rights, tables] of granted) changes.push(`granted ${role} ${rights} on ${tables.join(', ')}`);
  if (revoked.length > 0) changes.push(`revoked from ${role} and PUBLIC: ${revoked.join('; ')}`);
}

/** Nobody but the owner creates objects in the schema: no role can plant a table or function the app would use. */
async function ensureNoPublicCreate(db: CentralDb, role: string, schema: string, changes: string[]) {
  const publicCreates = async () =>
    (
      await sql<{ ok: boolean }>`
        SELECT EXISTS (
          SELECT 1 FROM pg_namespace n, aclexplode(coalesce(n.nspacl, acldefault('n', n.nspowner))) a
          WHERE n.nspname = ${schema} AND a.grantee = 0 AND a.privilege_type = 'CREATE'
        ) AS ok`.execute(db)
    ).rows[0]?.ok === true;
  if (await publicCreates()) {
    await sql`REVOKE CREATE ON SCHEMA ${sql.id(schema)} FROM PUBLIC`.execute(db);
    if (await publicCreates()) {
      throw new CentralSetupError(
        `Could not revoke CREATE on schema ${schema} from PUBLIC (only its owner can): ask a superuser to run ` +
          `REVOKE CREATE ON SCHEMA ${schema} FROM PUBLIC, then run the setup again.`,
      );
    }
    changes.push(`revoked CREATE on schema ${schema} from PUBLIC`);
  }
  const roleCreates = await sql<{ ok: boolean }>`
    SELECT has_schema_privilege(${role}, ${schema}, 'CREATE') AS ok`.execute(db);
  if (roleCreates.rows[0]?.ok) {
    await sql`REVOKE CREATE ON SCHEMA ${sql.id(schema)} FROM ${sql.id(role)}`.execute(db);
    changes.push(`revoked CREATE on schema ${schema} from ${role}`);
  }
}

export async function setUpCentral(options: CentralSetupOptions): Promise<CentralSetupReport> {
  if (!ROLE_NAME.test(options.appRole)) {
    throw new CentralSetupError(
      `"${options.appRole}" is not a usable role name: use lower-case letters, digits and _ (e.g. magnum_app).`,
    );
  }
  if (options.appPassword !== undefined && options.appPassword.length < 12) {
    throw new CentralSetupError('The app role password is too short: use at least 12 characters.');
  }
  const db = openCentral(options.ownerUrl, { maxConnections: 1 });
  try {
    const who = await sql<{ owner: string; schema: string | null }>`
      SELECT current_user AS owner, current_schema() AS schema`
      .execute(db)
      .catch((error: unknown) => {
        throw explainCentralError(error, options.ownerUrl);
      });
    const { owner, schema } = who.rows[0] ?? { owner: '', schema: null };
    if (schema === null) {
      throw new CentralSetupError('The owner has no schema to create the tables in (search_path is empty).');
    }
    if (owner === options.appRole) {
      throw new CentralSetupError(
        `The app role (${options.appRole}) is the role the setup signs in as, which owns the tables. Kiosks ` +
          'need a role of their own: give another --app-role name.',
      );
    }
    const applied = await migrateCentral(db);
    const changes: string[] = [];
    await ensureAppRole(db, options, changes);
    await refuseOwnerLikeRole(db, options.appRole, schema);
    await ensureGrants(db, options.appRole, schema, changes);
    await ensureNoPublicCreate(db, options.appRole, schema, changes);
    return { database: describeUrl(options.ownerUrl), applied, changes };
  } finally {
    await db.destroy();
  }
}
