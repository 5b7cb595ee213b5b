// Electron's services process: a utilityProcess (a Node process Chromium starts and ends with the app, as
// Actual Budget runs its server), speaking services/protocol.ts over its parent port with structured clone.
import { utilityProcess } from 'electron';
import type { FromServices } from '../services/protocol';
import type { ServicesChild } from '../services/process';

export const SERVICES_NAME = 'MagnumStream services';

export function forkUtilityServices(entryFile: string): ServicesChild {
  const child = utilityProcess.fork(entryFile, [], { serviceName: SERVICES_NAME, stdio: 'inherit' });
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
