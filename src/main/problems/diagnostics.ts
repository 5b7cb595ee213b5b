// What "Save diagnostics" puts on the drive: the logs (newest first, within a size budget), the versions of the
// app and what it runs on, the health figures, the kiosk's settings and what the screen saw of the cameras.
// Everything passes through the scrubber with every customer's name, e-mail and phone and every PIN hash
// this kiosk knows; no table of people or sales is copied at all.
import { readdir, readFile, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../../db/schema';
import type { HealthOverview } from '../../shared/health';
import type { CameraStateForDiagnostics } from '../../shared/problems';
import type { SystemInfo } from '../../shared/system';
import { readFleetSettings } from '../fleet/settings';
import { readStationIdentity } from '../fleet/station';
import { readMailSettings } from '../mail/settings';
import { readKioskSettings } from '../settings/service';
import type { DiagnosticsFile } from './diagnostics-folder';
import { createScrubber, type Scrub } from './scrub';

/** Logs are rotated at 10 MB; this many bytes of the newest are enough to see what happened. */
export const LOG_BUDGET_BYTES = 64 * 1024 * 1024;
export const LOGS_FOLDER = 'logs';
/** Helper B's backup settings beside the database, copied when present. */
const BACKUP_SETTINGS_FILE = 'backup.json';

/** Every customer detail and secret the kiosk holds, for the scrubber. */
export async function scrubberFor(db: Kysely<Database>): Promise<Scrub> {
  const [flights, checkins, sales, outbox, users] = await Promise.all([
    db
      .selectFrom('flight_recordings')
      .select(['passenger_names', 'customer_email', 'customer_phone'])
      .execute(),
    // Passengers' self check-ins that have not (or never) become flights hold the same details.
    db.selectFrom('self_checkins').select(['passenger_names', 'customer_email', 'customer_phone']).execute(),
    db.selectFrom('sales').select(['customer_email', 'customer_phone']).execute(),
    db.selectFrom('delivery_outbox').select('recipient').execute(),
    db.selectFrom('users').select('pin_hash').where('pin_hash', 'is not', null).execute(),
  ]);
  const present = (values: Array<string | null>) => values.filter((value): value is string => !!value);
  return createScrubber({
    names: [...flights, ...checkins].map((flight) => flight.passenger_names),
    emails: present([
      ...flights.map((flight) => flight.customer_email),
      ...checkins.map((checkin) => checkin.customer_email),
      ...sales.map((sale) => sale.customer_email),
      ...outbox.map((item) => item.recipient),
    ]),
    phones: present([
      ...flights.map((flight) => flight.customer_phone),
      ...checkins.map((checkin) => checkin.customer_phone),
      ...sales.map((sale) => sale.customer_phone),
    ]),
    secrets: present(users.map((user) => user.pin_hash)),
  });
}

interface LogChoice {
  included: Array<{ name: string; source: string; bytes: number }>;
  left: string[];
}

/** The log files, newest first, as many as fit the budget (the newest always). */
export async function chooseLogs(logsDir: string, budget = LOG_BUDGET_BYTES): Promise<LogChoice> {
  const names = (await readdir(logsDir).catch(() => [] as string[])).filter((name) => name.endsWith('.log'));
  const files = (
    await Promise.all(
      names.map(async (name) => {
        const info = await stat(path.join(logsDir, name)).catch(() => null);
        return info?.isFile()
          ? { name, source: path.join(logsDir, name), bytes: info.size, at: info.mtimeMs }
          : null;
      }),
    )
  )
    .filter((file) => file !== null)
    .sort((a, b) => b.at - a.at);
  const included: LogChoice['included'] = [];
  const left: string[] = [];
  let total = 0;
  for (const file of files) {
    if (included.length === 0 || total + file.bytes <= budget) {
      included.push({ name: file.name, source: file.source, bytes: file.bytes });
      total += file.bytes;
    } else {
      left.push(file.name);
    }
  }
  return { included, left };
}

export interface DiagnosticsSources {
  db: Kysely<Database>;
  dataDir: string;
  now: Date;
  savedBy: { name: string; role: string };
  systemInfo(): Promise<SystemInfo>;
  health(): Promise<HealthOverview>;
  cameras?: CameraStateForDiagnostics[] | undefined;
}

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;
const failure = (error: unknown) => ({ couldNotRead: (error as Error).message });

export async function gatherDiagnostics(sources: DiagnosticsSources): Promise<DiagnosticsFile[]> {
  const { db, dataDir, now } = sources;
  const [info, health, settings, mail, fleet, backupSettings, logs] = await Promise.all([
    sources.systemInfo().catch(failure),
    sources.health().catch(failure),
    readKioskSettings(db).catch(failure),
    // The mail account as the admin's screen shows it: whether a password is set, never the password.
    readMailSettings(db).catch(failure),
    // The central database likewise: its address without the password, and whether one is set.
    readStationIdentity(db, dataDir)
      .then((station) => readFleetSettings(db, station))
      .catch(failure),
    readFile(path.join(dataDir, BACKUP_SETTINGS_FILE), 'utf8').then(
      (text) => {
        try {
          return JSON.parse(text) as unknown;
        } catch {
          return { unreadable: text.slice(0, 2000) };
        }
      },
      () => null,
    ),
    chooseLogs(path.join(dataDir, LOGS_FOLDER)),
  ]);
  const system = 'couldNotRead' in info ? null : info;
  const versions = {
    savedAt: now.toISOString(),
    app: system
      ? { name: system.appName, version: system.version, host: system.host, startedAt: system.startedAt }
      : info,
    runtime: { ...process.versions },
    computer: {
      platform: process.platform,
      arch: process.arch,
      release: os.release(),
      memoryBytes: os.totalmem(),
      cpus: os.cpus().length,
      uptimeSeconds: Math.round(os.uptime()),
    },
    ffmpeg: system ? system.ffmpeg : null,
    database: system ? system.database : null,
    storage: system ? system.storage : null,
  };
  const readme = [
    'MagnumStream diagnostics',
    '',
    `Saved ${now.toISOString()} by ${sources.savedBy.name} (${sources.savedBy.role}) from ${system ? `${system.appName} ${system.version}` : 'the kiosk'}.`,
    '',
    'versions.json   the app, Node/Electron, the computer, ffmpeg, the database (schema version) and the disk',
    'health.json     the Kiosk health figures: slow queries, export completion, storage growth, backup age, integrity',
    'settings.json   the kiosk settings, the mail account and the central database (never their passwords)' +
      (backupSettings ? ' and the backup settings' : ''),
    ...(sources.cameras ? ['cameras.json    what the kiosk screen saw of its two cameras'] : []),
    `logs/           ${logs.included.length} log file(s), newest first`,
    ...(logs.left.length > 0
      ? [`                (left out, over the size budget: ${logs.left.join(', ')})`]
      : []),
    '',
    'Left out on purpose: PIN hashes, the mail and central database passwords, the kiosk’s secret key, and',
    'customers’ names, e-mail addresses and phone numbers. Where the logs mentioned them they read',
    '[name removed], [e-mail removed], [phone removed] or [secret removed].',
    '',
  ].join('\n');
  return [
    { name: 'README.txt', text: readme },
    { name: 'versions.json', text: json(versions) },
    { name: 'health.json', text: json(health) },
    { name: 'settings.json', text: json({ kiosk: settings, mail, fleet, backup: backupSettings }) },
    ...(sources.cameras ? [{ name: 'cameras.json', text: json(sources.cameras) }] : []),
    ...logs.included.map((log) => ({ name: `logs/${log.name}`, log: log.source })),
  ];
}
