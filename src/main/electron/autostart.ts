// Start at login for the desktop app: Windows and macOS register a login item through Electron, Linux gets an
// XDG autostart entry (Electron's login items do nothing there). The settings service switches it.
import { app } from 'electron';
import os from 'node:os';
import { xdgAutostartDir, xdgStartAtLogin, type StartAtLogin } from '../system/start-at-login';

export interface ElectronStartAtLoginOptions {
  /** For tests; the running platform otherwise. */
  platform?: NodeJS.Platform;
  /** For tests (APPIMAGE, XDG_CONFIG_HOME); process.env otherwise. */
  env?: NodeJS.ProcessEnv;
  /** For tests; process.execPath otherwise. */
  execPath?: string;
  /** For tests; the user's home otherwise. */
  homeDir?: string;
}

/**
 * What the OS should start: an AppImage is started by its own path (process.execPath is inside its temporary
 * mount, gone after the next boot); a development run (`electron .`) needs the app folder after the Electron
 * binary, or the login would open Electron's default app.
 */
export function loginCommand(options: ElectronStartAtLoginOptions = {}): string[] {
  const env = options.env ?? process.env;
  const program = env.APPIMAGE || (options.execPath ?? process.execPath);
  return app.isPackaged ? [program] : [program, app.getAppPath()];
}

export function electronStartAtLogin(options: ElectronStartAtLoginOptions = {}): StartAtLogin {
  const platform = options.platform ?? process.platform;
  if (platform === 'linux') {
    return xdgStartAtLogin({
      autostartDir: xdgAutostartDir(options.env ?? process.env, options.homeDir ?? os.homedir()),
      command: loginCommand(options),
    });
  }
  if (platform === 'win32' || platform === 'darwin') {
    return {
      supported: true,
      async apply(enabled) {
        const [program, ...args] = loginCommand(options);
        // path and args count on Windows only; macOS registers the running app bundle.
        app.setLoginItemSettings({ openAtLogin: enabled, path: program, args });
        // macOS may refuse without saying so (e.g. a login item a management profile forbids): read it back.
        if (platform === 'darwin' && app.getLoginItemSettings().openAtLogin !== enabled)
          throw new Error(
            `macOS did not ${enabled ? 'add MagnumStream to' : 'remove MagnumStream from'} the login items. Open System Settings → General → Login Items and ${enabled ? 'add' : 'remove'} it there.`,
          );
      },
    };
  }
  return {
    supported: false,
    async apply() {
      throw new Error(`Starting at login is not available on ${platform}.`);
    },
  };
}
