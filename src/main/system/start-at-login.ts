// Starting the kiosk when the computer's user logs in: the seam the settings service switches (async, so it can
// sit behind a process boundary), and the Linux way of doing it, an XDG autostart entry. Pure Node: the Electron
// host picks the way per platform (electron/autostart.ts); the browser kiosk host has none.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface StartAtLogin {
  /** False where nothing can register the kiosk with the OS (the browser kiosk host, an unknown platform). */
  readonly supported: boolean;
  /** Makes the OS start the kiosk at login, or not. Throws an Error in plain words when the OS refused. */
  apply(enabled: boolean): Promise<void>;
}

/** The entry's file name, in the user's autostart folder. */
export const AUTOSTART_FILE = 'magnumstream.desktop';

/** `$XDG_CONFIG_HOME/autostart` (the spec ignores a relative value), else `~/.config/autostart`. */
export function xdgAutostartDir(
  env: NodeJS.ProcessEnv = process.env,
  homeDir: string = os.homedir(),
): string {
  const configHome = env.XDG_CONFIG_HOME;
  const base = configHome && path.isAbsolute(configHome) ? configHome : path.join(homeDir, '.config');
  return path.join(base, 'autostart');
}

// The Desktop Entry spec's reserved characters: an argument holding one must be quoted.
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/**
 * One argument of an Exec key, per the Desktop Entry spec: quoted when it holds a reserved character (with `"`,
 * `` ` ``, `$` and `\` escaped inside the quotes), `%` doubled (it starts field codes), and then every backslash
 * doubled again because the value is also a string value with its own escapes.
 */
export function execArgument(argument: string): string {
  // eslint-disable-next-line no-control-regex
  if (argument === '' || /[\u0000-\u001f\u007f]/.test(argument))
    throw new Error(
      `The kiosk's program path cannot be written into a start-at-login entry (${JSON.stringify(argument)}). Move the program to a folder whose name has no line breaks or control characters.`,
    );
  const quoted = RESERVED.test(argument) ? `"${argument.replace(/["`$\\]/g, '\\$&')}"` : argument;
  return quoted.replace(/%/g, '%%').replace(/\\/g, '\\\\');
}

/** The whole autostart entry starting `command` (the program, then its arguments). */
export function desktopEntry(command: readonly string[]): string {
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Version=1.0',
    'Name=MagnumStream',
    'Comment=Starts the MagnumStream kiosk when this user logs in',
    `Exec=${command.map(execArgument).join(' ')}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/**
 * The XDG autostart entry: written whole (a temp file renamed over it, so a power cut leaves the old entry or the
 * new one, never half of one) when on, removed when off. Written again at every start, so an AppImage that moved
 * is found at its new path.
 */
export function xdgStartAtLogin(options: { autostartDir: string; command: readonly string[] }): StartAtLogin {
  const file = path.join(options.autostartDir, AUTOSTART_FILE);
  return {
    supported: true,
    async apply(enabled) {
      try {
        if (!enabled) {
          rmSync(file, { force: true });
          return;
        }
        const content = desktopEntry(options.command);
        mkdirSync(options.autostartDir, { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        try {
          writeFileSync(temp, content, { mode: 0o644 });
          renameSync(temp, file);
        } finally {
          rmSync(temp, { force: true });
        }
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (!code) throw error;
        throw new Error(
          `The start-at-login entry ${file} could not be ${enabled ? 'written' : 'removed'} (${code}). Check that this user may write to ${options.autostartDir}.`,
          { cause: error },
        );
      }
    },
  };
}
