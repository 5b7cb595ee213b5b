// A private PostgreSQL server for one test file: its own cluster in a temp dir, listening on 127.0.0.1 only with
// password (SCRAM) sign-in, removed again by stop(). The fleet's tests run against a real server because what
// they prove (row-level security, roles, grants) exists only there.
//
// PostgreSQL refuses to run as root, and our machines and CI run tests as root: the server programs then run
// as the `postgres` OS user (created by Debian's package) through runuser, in a temp dir handed to that user.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, chmodSync, chownSync, existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface TestPostgres {
  /** The superuser `postgres` on the server's maintenance database (the password is random per server). */
  ownerUrl: string;
  port: number;
  /** The temp dir holding the cluster, its socket and its log (gone after stop). */
  dir: string;
  /**
   * Creates an empty database and returns the superuser's URL for it. Its text sorts by an ICU English
   * collation, as an operator's database usually does (the cluster itself is plain C, for speed).
   */
  createDatabase(name: string, options?: { owner?: string }): Promise<string>;
  /** Stops the server (fast shutdown) and removes its directory. */
  stop(): Promise<void>;
}

const MISSING =
  'PostgreSQL is not installed: the fleet tests need its server programs (initdb, pg_ctl, postgres). ' +
  "Install Debian's package: apt-get install -y postgresql";

/** Where initdb and pg_ctl are: the highest version under /usr/lib/postgresql, else `pg_config --bindir`. */
export function postgresBinDir(root = '/usr/lib/postgresql', pgConfig = 'pg_config'): string {
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name) && existsSync(join(root, name, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0] !== undefined) return join(root, versions[0], 'bin');
  const asked = spawnSync(pgConfig, ['--bindir'], { encoding: 'utf8' });
  const dir = asked.status === 0 ? asked.stdout.trim() : '';
  if (dir !== '' && existsSync(join(dir, 'initdb'))) return dir;
  throw new Error(MISSING);
}

const runningAsRoot = () => process.getuid?.() === 0;

interface ServerUser {
  uid: number;
  gid: number;
}

function postgresOsUser(): ServerUser {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error(
      'The tests run as root, and PostgreSQL refuses to: they run it as the `postgres` OS user, which does not ' +
        "exist here. Install Debian's package (apt-get install -y postgresql), which creates it.",
    );
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/** Runs one server program, as the postgres OS user when we are root; throws with its output on failure. */
function runTool(binDir: string, cwd: string, tool: string, args: string[]): string {
  const program = join(binDir, tool);
  const [command, commandArgs] = runningAsRoot()
    ? ['runuser', ['-u', 'postgres', '--', program, ...args]]
    : [program, args];
  const result = spawnSync(command, commandArgs, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LC_ALL: 'C' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(`${tool} failed (exit ${result.status}): ${result.stderr || result.stdout}`);
  }
  return result.stdout;
}

async function freeLoopbackPort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** A certificate and its key, in PEM, for the server to offer TLS with. */
export interface ServerTls {
  cert: string;
  key: string;
}

/** Starts the server; with `tls`, it also takes TLS connections (ssl = on) with that certificate. */
export async function startTestPostgres(options: { tls?: ServerTls } = {}): Promise<TestPostgres> {
  const binDir = postgresBinDir();
  const serverUser = runningAsRoot() ? postgresOsUser() : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'magnum-pg-'));
  const dataDir = join(dir, 'data');
  const logFile = join(dir, 'server.log');
  const password = randomBytes(18).toString('hex');
  let started = false;
  try {
    const pwFile = join(dir, 'superuser-password');
    writeFileSync(pwFile, `${password}\n`, { mode: 0o600 });
    if (serverUser) {
      chownSync(dir, serverUser.uid, serverUser.gid);
      chownSync(pwFile, serverUser.uid, serverUser.gid);
    }
    chmodSync(dir, 0o700);
    runTool(binDir, dir, 'initdb', [
      '--pgdata',
      dataDir,
      '--username',
      'postgres',
      '--pwfile',
      pwFile,
      '--auth-host',
      'scram-sha-256',
      '--auth-local',
      'scram-sha-256',
      '--encoding',
      'UTF8',
      '--locale',
      'C',
      '--no-sync',
    ]);
    rmSync(pwFile);
    // Password sign-in over TCP on 127.0.0.1 and nothing else: no trust, no peer, no IPv6, no socket entry.
    writeFileSync(
      join(dataDir, 'pg_hba.conf'),
      '# written by src/main/fleet/test-support/postgres.ts\nhost all all 127.0.0.1/32 scram-sha-256\n',
    );
    const tlsConfig: string[] = [];
    if (options.tls) {
      // PostgreSQL takes a key file only if no one but its owner may read it.
      for (const [name, text] of [
        ['server.crt', options.tls.cert],
        ['server.key', options.tls.key],
      ] as const) {
        writeFileSync(join(dataDir, name), text, { mode: 0o600 });
        if (serverUser) chownSync(join(dataDir, name), serverUser.uid, serverUser.gid);
      }
      tlsConfig.push('ssl = on', "ssl_cert_file = 'server.crt'", "ssl_key_file = 'server.key'");
    }
    const baseConfig = readFileSync(join(dataDir, 'postgresql.conf'), 'utf8');
    // Another test file may take the port between our probe and the server's bind: then try another one.
    for (let attempt = 1; ; attempt++) {
      const port = await freeLoopbackPort();
      writeFileSync(join(dataDir, 'postgresql.conf'), baseConfig);
      appendFileSync(
        join(dataDir, 'postgresql.conf'),
        [
          '',
          '# the test server: loopback only, its socket in its own temp dir, no crash safety (it is thrown away)',
          `port = ${port}`,
          "listen_addresses = '127.0.0.1'",
          `unix_socket_directories = '${dir}'`,
          'fsync = off',
          'synchronous_commit = off',
          'full_page_writes = off',
          'max_connections = 40',
          ...tlsConfig,
          '',
        ].join('\n'),
      );
      try {
        runTool(binDir, dir, 'pg_ctl', ['--pgdata', dataDir, '--log', logFile, '--wait', 'start']);
        started = true;
        const ownerUrl = `postgres://postgres:${password}@127.0.0.1:${port}/postgres`;
        return {
          ownerUrl,
          dir,
          port,
          async createDatabase(name, options = {}) {
            const client = new pg.Client({ connectionString: ownerUrl });
            await client.connect();
            try {
              const owner =
                options.owner === undefined ? '' : ` OWNER ${client.escapeIdentifier(options.owner)}`;
              await client.query(
                `CREATE DATABASE ${client.escapeIdentifier(name)}${owner} TEMPLATE template0 ENCODING 'UTF8' ` +
                  `LOCALE 'C' LOCALE_PROVIDER icu ICU_LOCALE 'en-US'`,
              );
            } finally {
              await client.end();
            }
            return `postgres://postgres:${password}@127.0.0.1:${port}/${encodeURIComponent(name)}`;
          },
          async stop() {
            try {
              runTool(binDir, dir, 'pg_ctl', ['--pgdata', dataDir, '--mode', 'fast', '--wait', 'stop']);
            } finally {
              rmSync(dir, { recursive: true, force: true });
            }
          },
        };
      } catch (error) {
        const log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
        if (attempt < 3 && /could not bind|Address already in use/i.test(log)) continue;
        throw new Error(`${(error as Error).message}\nserver log:\n${log}`, { cause: error });
      }
    }
  } catch (error) {
    if (started) {
      try {
        runTool(binDir, dir, 'pg_ctl', ['--pgdata', dataDir, '--mode', 'immediate', 'stop']);
      } catch {
        // The server is already gone; the directory goes next.
      }
    }
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
