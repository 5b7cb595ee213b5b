// Where the kiosk keeps its data, and the command-line options of the two hosts.
import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export const APP_DIR_NAME = 'MagnumStream';

/** The database's file name inside the data directory. */
export const DATABASE_FILE = 'magnum.db';

/** The platform's per-user app-data folder, the same one Electron's app.getPath('userData') uses. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = homedir(),
): string {
  if (platform === 'win32')
    return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME || path.posix.join(home, '.config'), APP_DIR_NAME);
}

/** `--data-dir` wins, then MAGNUM_DATA_DIR, then the platform default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = flag || env.MAGNUM_DATA_DIR || defaultDataDir(process.platform, env);
  return path.resolve(chosen);
}

/**
 * Tests only: folders (separated like PATH) whose sub-folders count as the plugged-in USB drives, in place of
 * /media, /run/media and /mnt (or the drive letters). An e2e test "plugs a drive in" by making a folder there.
 */
export const TEST_DRIVES_ENV = 'MAGNUM_TEST_DRIVES_DIR';

/** The folders named by MAGNUM_TEST_DRIVES_DIR (absolute ones only), or null when it is not set. */
export function testDriveBases(env: NodeJS.ProcessEnv = process.env): string[] | null {
  const text = env[TEST_DRIVES_ENV];
  if (!text) return null;
  return text.split(path.delimiter).filter((dir) => dir !== '' && path.isAbsolute(dir));
}

export class UsageError extends Error {}

export interface KioskOptions {
  port: number;
  host: string;
  dataDir: string;
  demo: boolean;
  /** Where customers' phones download a sale's files from (every interface; 0 picks a free port). */
  downloadPort: number;
  /**
   * The address download links and QR codes name, when the kiosk's own choice of network is wrong (several
   * networks, a hotspot); unset, the kiosk picks its private LAN address.
   */
  downloadHost?: string;
}

export const KIOSK_DEFAULT_PORT = 5780;
export const DOWNLOAD_DEFAULT_PORT = 8787;

export const KIOSK_USAGE =
  'Usage: npm run kiosk -- [--port 5780] [--host 127.0.0.1] [--data-dir DIR] [--demo] [--download-port 8787] [--download-host ADDRESS]';

function portOf(flag: string, text: string | undefined, fallback: number): number {
  const port = text === undefined ? fallback : Number(text);
  if (text === '' || !Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new UsageError(`${flag} must be a whole number from 0 to 65535, not "${text}".\n${KIOSK_USAGE}`);
  }
  return port;
}

/** `--download-port` wins, then MAGNUM_DOWNLOAD_PORT, then 8787. */
export function resolveDownloadPort(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): number {
  return portOf('--download-port', flag ?? env.MAGNUM_DOWNLOAD_PORT, DOWNLOAD_DEFAULT_PORT);
}

export function parseKioskArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): KioskOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'data-dir': { type: 'string' },
        demo: { type: 'boolean' },
        'download-port': { type: 'string' },
        'download-host': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${KIOSK_USAGE}`);
  }
  return {
    port: portOf('--port', values.port, KIOSK_DEFAULT_PORT),
    host: values.host ?? '127.0.0.1',
    dataDir: resolveDataDir(values['data-dir'], env),
    demo: values.demo ?? false,
    downloadPort: resolveDownloadPort(values['download-port'], env),
    ...downloadHostOf(values['download-host'] ?? env.MAGNUM_DOWNLOAD_HOST),
  };
}

/** A host name or IPv4 address, nothing that could smuggle a path or a port into the links. */
function downloadHostOf(text: string | undefined): { downloadHost?: string } {
  if (text === undefined) return {};
  if (!/^[A-Za-z0-9][A-Za-z0-9.-]{0,252}$/.test(text)) {
    throw new UsageError(
      `--download-host must be a host name or IPv4 address, not "${text}".\n${KIOSK_USAGE}`,
    );
  }
  return { downloadHost: text };
}

/** One `--name value` or `--name=value` switch among Electron's own, which are ignored. */
function electronSwitch(argv: string[], name: string): string | undefined {
  const index = argv.findIndex((arg) => arg === name || arg.startsWith(`${name}=`));
  if (index === -1) return undefined;
  const arg = argv[index]!;
  return arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : argv[index + 1];
}

/** Electron passes its own switches too, so only --data-dir is picked out and the rest ignored. */
export function dataDirFromElectronArgv(argv: string[]): string | undefined {
  return electronSwitch(argv, '--data-dir');
}

export function downloadPortFromElectronArgv(argv: string[]): string | undefined {
  return electronSwitch(argv, '--download-port');
}
