// The Linux start-at-login entry, written for real into a temp config folder, and its Exec quoting.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AUTOSTART_FILE,
  desktopEntry,
  execArgument,
  xdgAutostartDir,
  xdgStartAtLogin,
} from './start-at-login';

let home: string;

beforeEach(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'magnum-autostart-'));
});

afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

/** The Exec line's arguments as a desktop environment reads them: string escapes, then the quoting rule. */
function parseExec(value: string): string[] {
  const unescaped = value.replace(/\\(.)/g, (_, c: string) => (c === '\\' ? '\\' : `\\${c}`));
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (let i = 0; i < unescaped.length; i += 1) {
    const c = unescaped[i]!;
    if (quoted) {
      if (c === '\\') current += unescaped[(i += 1)]!;
      else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') {
      quoted = started = true;
    } else if (c === ' ') {
      if (started) args.push(current);
      current = '';
      started = false;
    } else {
      current += c;
      started = true;
    }
  }
  if (started) args.push(current);
  return args.map((arg) => arg.replace(/%%/g, '%'));
}

describe('the XDG autostart entry', () => {
  it('lives in $XDG_CONFIG_HOME/autostart, else ~/.config/autostart', () => {
    expect(xdgAutostartDir({ XDG_CONFIG_HOME: '/srv/conf' }, '/home/crew')).toBe('/srv/conf/autostart');
    expect(xdgAutostartDir({}, '/home/crew')).toBe('/home/crew/.config/autostart');
    // The spec: a relative XDG_CONFIG_HOME is invalid and ignored.
    expect(xdgAutostartDir({ XDG_CONFIG_HOME: 'conf' }, '/home/crew')).toBe('/home/crew/.config/autostart');
  });

  it('is written whole when on, starting the program it was given', async () => {
    const dir = xdgAutostartDir({ XDG_CONFIG_HOME: path.join(home, 'config') }, home);
    const entry = xdgStartAtLogin({ autostartDir: dir, command: ['/opt/MagnumStream/magnumstream'] });
    expect(entry.supported).toBe(true);
    await entry.apply(true);
    const content = readFileSync(path.join(dir, AUTOSTART_FILE), 'utf8');
    expect(content.split('\n')).toEqual([
      '[Desktop Entry]',
      'Type=Application',
      'Version=1.0',
      'Name=MagnumStream',
      'Comment=Starts the MagnumStream kiosk when this user logs in',
      'Exec=/opt/MagnumStream/magnumstream',
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ]);
    // No temp file is left beside it.
    expect(readdirSync(dir)).toEqual([AUTOSTART_FILE]);
  });

  it('replaces an older entry, e.g. after the AppImage moved', async () => {
    const dir = path.join(home, 'autostart');
    await xdgStartAtLogin({ autostartDir: dir, command: ['/old/MagnumStream.AppImage'] }).apply(true);
    await xdgStartAtLogin({ autostartDir: dir, command: ['/new/MagnumStream.AppImage'] }).apply(true);
    const content = readFileSync(path.join(dir, AUTOSTART_FILE), 'utf8');
    expect(content).toContain('Exec=/new/MagnumStream.AppImage\n');
    expect(content).not.toContain('/old/');
  });

  it('is removed when off, and turning it off twice is fine', async () => {
    const dir = path.join(home, 'autostart');
    const entry = xdgStartAtLogin({ autostartDir: dir, command: ['/opt/magnumstream'] });
    await entry.apply(true);
    expect(existsSync(path.join(dir, AUTOSTART_FILE))).toBe(true);
    await entry.apply(false);
    expect(existsSync(path.join(dir, AUTOSTART_FILE))).toBe(false);
    await expect(entry.apply(false)).resolves.toBeUndefined();
  });

  it('quotes a path with spaces, quotes, dollars, backslashes and percent signs so it reads back the same', async () => {
    const program = path.join(home, 'My Apps', 'Magnum "Stream" $HOME \\ 100%', 'MagnumStream.AppImage');
    const dir = path.join(home, 'autostart');
    await xdgStartAtLogin({ autostartDir: dir, command: [program, '/home/crew/app dir'] }).apply(true);
    const exec = readFileSync(path.join(dir, AUTOSTART_FILE), 'utf8')
      .split('\n')
      .find((line) => line.startsWith('Exec='))!
      .slice('Exec='.length);
    expect(exec).toBe(
      `"${home}/My Apps/Magnum \\\\"Stream\\\\" \\\\$HOME \\\\\\\\ 100%%/MagnumStream.AppImage" "/home/crew/app dir"`,
    );
    expect(parseExec(exec)).toEqual([program, '/home/crew/app dir']);
  });

  it('leaves a plain path unquoted', () => {
    expect(execArgument('/usr/bin/magnumstream')).toBe('/usr/bin/magnumstream');
    expect(desktopEntry(['/a', '/b c'])).toContain('Exec=/a "/b c"\n');
  });

  it('refuses a path with a line break, which would break the entry', () => {
    expect(() => execArgument('/opt/magnum\nExec=/bin/evil')).toThrow(/no line breaks/);
  });

  it('says which folder could not be written, in plain words', async () => {
    // Works as root too: a file where the autostart folder should be cannot be made a folder by anyone.
    const config = path.join(home, 'config');
    mkdirSync(config);
    writeFileSync(path.join(config, 'autostart'), 'not a folder');
    const dir = path.join(config, 'autostart');
    await expect(
      xdgStartAtLogin({ autostartDir: dir, command: ['/opt/magnumstream'] }).apply(true),
    ).rejects.toThrow(
      `The start-at-login entry ${dir}/${AUTOSTART_FILE} could not be written (EEXIST). Check that this user may write to ${dir}.`,
    );
  });
});
