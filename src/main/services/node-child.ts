// The browser kiosk host's services process: Node's fork with its IPC channel, `advanced` serialization so
// camera chunks and thumbnails cross as bytes. From source (vitest runs the host through tsx) it forks the
// TypeScript entry through tsx; built, the services.mjs beside the host's own file.
import { fork } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromServices } from './protocol';
import type { ServicesChild } from './process';

/** The services entry beside `hostModuleUrl` (import.meta.url of the host's main file). */
export function servicesEntry(hostModuleUrl: string): { file: string; execArgv: string[] } {
  const hostFile = fileURLToPath(hostModuleUrl);
  if (hostFile.endsWith('.ts')) {
    // src/main/kiosk/main.ts → src/main/services/entry.ts
    return {
      file: path.join(path.dirname(hostFile), '..', 'services', 'entry.ts'),
      execArgv: ['--import', 'tsx'],
    };
  }
  return { file: path.join(path.dirname(hostFile), 'services.mjs'), execArgv: [] };
}

export function forkServices(entry: { file: string; execArgv: string[] }): ServicesChild {
  const child = fork(entry.file, [], {
    serialization: 'advanced',
    stdio: 'inherit',
    execArgv: entry.execArgv,
  });
  return {
    get pid() {
      return child.pid;
    },
    post(message) {
      if (child.connected) child.send(message);
    },
    onMessage(listener) {
      child.on('message', (message) => listener(message as FromServices));
    },
    onExit(listener) {
      child.on('exit', (code) => listener(code));
    },
    kill() {
      child.kill('SIGKILL');
    },
  };
}
