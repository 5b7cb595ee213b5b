// The `fleet` area: this kiosk's link to the fleet's central database (issue 21). The admin sets its address
// (postgres://…), the airfield's name and whether syncing is on; the password goes in and never comes back out.
// Every screen may read how syncing goes (the status strip shows it before anyone signs in): counts, a time
// and a plain reason, never the address or its password.
import { z } from 'zod';
import { ADMIN_ONLY, channel, event } from './define';

export interface SyncStatus {
  /** An address is saved and syncing is on; when false the status strip says nothing about syncing. */
  configured: boolean;
  /** Rows changed on this kiosk since the last push. */
  pending: number;
  /** When the last push went through (ISO-8601 UTC), or null. */
  lastPushAt: string | null;
  /** Why the last push or try failed, in plain words; null once a push goes through. */
  lastError: string | null;
}

export interface FleetSettingsView {
  /** False until an admin saved an address; the other fields are then empty. */
  configured: boolean;
  /** Syncing is on. */
  enabled: boolean;
  /** The saved address without its password: postgres://user@host:5432/database. */
  address: string;
  host: string;
  port: number;
  database: string;
  user: string;
  passwordSet: boolean;
  /** Where the password is kept: the computer's keychain, or the kiosk's own key file. */
  passwordKeptBy: 'os-keychain' | 'local-key' | null;
  /** The airfield's name in the fleet's reports. */
  airfieldName: string;
  /** How the rows travel to the saved address (transportOf); null while none is saved. */
  transport: CentralTransport | null;
  /** This kiosk in the fleet: made once, kept across restarts and restores. */
  stationId: string;
  /** The computer's time zone (IANA name) and the kiosk's currency, sent with the station. */
  timeZone: string;
  currency: string;
  updatedAt: string | null;
}

export interface ConnectionTestResult {
  ok: boolean;
  /** What happened, in plain words. */
  message: string;
}

/** The libpq ssl modes node-postgres understands. */
export const SSL_MODES = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'] as const;
export type SslMode = (typeof SSL_MODES)[number];

/**
 * How the kiosk's rows travel to the central database: over TLS whose certificate is checked, over TLS that
 * takes any certificate (a machine on the way could pose as the server), in clear across a network, or in
 * clear to this same computer (nothing crosses a network).
 */
export type CentralTransport = 'verified' | 'unverified' | 'plain' | 'local';

/** A host on this computer: localhost, 127.0.0.0/8 or ::1. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/**
 * The ssl mode the kiosk connects with. An address that names none gets TLS with the server's certificate
 * checked, unless the server is this computer: passengers' names and sales must not cross a network in clear
 * because nobody thought of writing ?sslmode. Clear text or an unchecked certificate only when the address
 * says so (sslmode=disable, sslmode=no-verify), and the settings screen then warns.
 */
export function connectSslMode(address: Pick<CentralAddress, 'host' | 'options'>): SslMode {
  const mode = address.options.sslmode;
  if (mode === undefined) return isLoopbackHost(address.host) ? 'disable' : 'verify-full';
  // node-postgres checks the certificate for all four (libpq would not for prefer and require): say so.
  return mode === 'prefer' || mode === 'require' || mode === 'verify-ca' ? 'verify-full' : mode;
}

export function transportOf(address: Pick<CentralAddress, 'host' | 'options'>): CentralTransport {
  const mode = connectSslMode(address);
  if (mode === 'no-verify') return 'unverified';
  if (mode === 'disable') return isLoopbackHost(address.host) ? 'local' : 'plain';
  return 'verified';
}

export const DEFAULT_POSTGRES_PORT = 5432;
const MAX_ADDRESS_LENGTH = 2000;
export const MAX_AIRFIELD_NAME = 100;

/** A central database address taken apart; `password` is in clear, so it stays in main. */
export interface CentralAddress {
  scheme: 'postgres' | 'postgresql';
  host: string;
  port: number;
  database: string;
  user: string;
  password: string | null;
  /** sslmode and connect_timeout, the only options taken. */
  options: { sslmode?: SslMode; connect_timeout?: string };
  /** The address as stored and shown: the same, without the password, with the port written out. */
  withoutPassword: string;
}

const EXAMPLE = 'postgres://kiosk:password@db.example.com:5432/fleet';

/**
 * Reads an address the admin typed or pasted. The messages never repeat what was typed: it may hold a
 * password, and a refusal is shown on screen.
 */
export function parseCentralAddress(
  text: string,
): { ok: true; address: CentralAddress } | { ok: false; message: string } {
  const refuse = (message: string) => ({ ok: false as const, message });
  const typed = text.trim();
  if (typed === '') return refuse(`Type the central database’s address, for example ${EXAMPLE}.`);
  if (typed.length > MAX_ADDRESS_LENGTH) {
    return refuse(`The address can be at most ${MAX_ADDRESS_LENGTH} characters.`);
  }
  const scheme = /^(postgres|postgresql):\/\//i.exec(typed)?.[1]?.toLowerCase();
  if (scheme !== 'postgres' && scheme !== 'postgresql') {
    return refuse(`The address starts with postgres:// or postgresql://, for example ${EXAMPLE}.`);
  }
  let url: URL;
  try {
    url = new URL(typed);
  } catch {
    return refuse(`The address cannot be read. It looks like ${EXAMPLE}.`);
  }
  if (url.hash) return refuse('The address cannot end with a # part. Remove it.');
  const host = url.hostname;
  if (!host) return refuse(`The address needs the server’s name after the @, as in ${EXAMPLE}.`);
  if (!/^[A-Za-z0-9.-]+$|^\[[0-9A-Fa-f:.]+\]$/.test(host)) {
    return refuse('The server’s name is letters, digits, dots and dashes (or an address in [ ]).');
  }
  const port = url.port === '' ? DEFAULT_POSTGRES_PORT : Number(url.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) return refuse('The port is 1 to 65535.');
  let user: string;
  let password: string | null;
  let database: string;
  try {
    user = decodeURIComponent(url.username);
    password = url.password === '' ? null : decodeURIComponent(url.password);
    database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  } catch {
    return refuse('A % in the address must be followed by two letters or digits (write %25 for a % sign).');
  }
  if (user === '') return refuse(`The address needs the user name before the @, as in ${EXAMPLE}.`);
  if (database === '' || database.includes('/')) {
    return refuse(`The address ends with the database’s name after a /, as in ${EXAMPLE}.`);
  }
  if (/\p{Cc}/u.test(user + database + (password ?? ''))) {
    return refuse('The address cannot hold control characters.');
  }
  const options: CentralAddress['options'] = {};
  for (const [name, value] of url.searchParams) {
    if (name === 'sslmode') {
      const mode = SSL_MODES.find((candidate) => candidate === value);
      if (!mode) return refuse(`sslmode is one of ${SSL_MODES.join(', ')}.`);
      options.sslmode = mode;
    } else if (name === 'connect_timeout') {
      if (!/^[1-9][0-9]{0,3}$/.test(value)) return refuse('connect_timeout is a number of seconds.');
      options.connect_timeout = value;
    } else if (name === 'password') {
      return refuse('Put the password after the user name (postgres://user:password@…), not after the ?.');
    } else {
      return refuse(
        `The kiosk does not use the option “${name.slice(0, 40)}”. Only sslmode and connect_timeout may follow the ?.`,
      );
    }
  }
  const query = new URLSearchParams(
    Object.entries(options).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();
  const withoutPassword =
    `${scheme}://${encodeURIComponent(user)}@${host}:${port}/${encodeURIComponent(database)}` +
    (query ? `?${query}` : '');
  return { ok: true, address: { scheme, host, port, database, user, password, options, withoutPassword } };
}

const plainText = (label: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `The ${label} can be at most ${max} characters.`)
    .regex(/^[^\p{Cc}]*$/u, `The ${label} cannot hold control characters.`);

export const fleetChannels = {
  'fleet.settings': channel<FleetSettingsView>()({
    summary:
      'The central database this kiosk syncs to (never its password), the airfield’s name and this station’s id.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'fleet.saveSettings': channel<FleetSettingsView>()({
    summary:
      'Saves the central database’s address, the airfield’s name and whether syncing is on; the password is encrypted, and kept as it was when none is typed.',
    input: z
      .strictObject({
        /** postgres://user[:password]@host[:port]/database[?sslmode=…]; a password in it is sealed like `password`. */
        url: z.string().superRefine((text, context) => {
          const parsed = parseCentralAddress(text);
          if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.message });
        }),
        /** Absent or empty: keep the stored one (or take the one in the address). */
        password: z.string().max(500, 'The password can be at most 500 characters.').optional(),
        /** Removes the stored password (a database that lets this kiosk in without one). */
        clearPassword: z.boolean().optional(),
        airfieldName: plainText('airfield name', MAX_AIRFIELD_NAME),
        enabled: z.boolean(),
      })
      .superRefine((input, context) => {
        const parsed = parseCentralAddress(input.url);
        if (parsed.ok && parsed.address.password !== null && input.password) {
          context.addIssue({
            code: 'custom',
            path: ['password'],
            message: 'The address holds a password and the Password field too. Keep only one of them.',
          });
        }
        if (input.enabled && input.airfieldName === '') {
          context.addIssue({
            code: 'custom',
            path: ['airfieldName'],
            message: 'Type the airfield’s name: the fleet’s reports show it.',
          });
        }
      }),
    access: ADMIN_ONLY,
    // On this computer and switched off: the tests call every channel with its example, and must not look up
    // or reach another machine (Test connection still tries it, on loopback).
    example: {
      url: 'postgres://kiosk@127.0.0.1:5432/fleet',
      password: 'example-password',
      airfieldName: 'Alpine Field',
      enabled: false,
    },
  }),
  'fleet.testConnection': channel<ConnectionTestResult>()({
    summary: 'Tries the saved central database now and says in plain words whether this kiosk gets in.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'fleet.syncNow': channel<SyncStatus>()({
    summary: 'Pushes what waits to the central database now, and answers how syncing stands after it.',
    input: z.strictObject({}),
    access: ADMIN_ONLY,
    example: {},
  }),
  'fleet.status': channel<SyncStatus>()({
    summary:
      'Whether syncing is set up, how many changes wait, when the last push went through, and why not.',
    input: z.strictObject({}),
    access: 'public',
    example: {},
  }),
};

export const fleetEvents = {
  'fleet.statusChanged': event<SyncStatus>()({
    summary: 'How syncing stands, sent when it changed: after a push, a failure, or changes that wait.',
  }),
};
