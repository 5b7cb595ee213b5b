// Electron's services process: a utilityProcess (a Node process Chromium starts and ends with the app, as
// Actual Budget runs its server), speaking services/protocol.ts over its parent port with structured clone.
import { utilityProcess } from 'electron';
import type { FromServices } from '../services/protocol';
import type { ServicesChild } from '../services/process';

export const SERVICES_NAME = 'MagnumStream services';

export function forkUtilityServices(entryFile: string): ServicesChild {
  const child = utilityProcess.fork(entryFile, [], {
    serviceName: SERVICES_NAME,
    stdio: 'inherit',
    // The packaged ffmpeg and ffprobe live under the app's resources (ffmpeg/resolve.ts), and the native
    // SQLite build npm start made is named by MAGNUMSTREAM_SQLITE_BINDING (db/native-binding.ts): both are
    // found by environment, since the services process is not Electron's main process.
    env: { ...process.env, MAGNUMSTREAM_RESOURCES_PATH: process.resourcesPath },
  });
  return {
    get pid() {
      return child.pid;
    },
    post: (message) => child.postMessage(message),
    onMessage: (listener) => child.on('message', (message: unknown) => listener(message as FromServices)),
    onExit: (listener) => child.on('exit', (code: number) => listener(code)),
    kill: () => void child.kill(),
  };
}
