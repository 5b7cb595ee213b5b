// Runs the browser kiosk host as a child process and waits for its "ready at" line: the vitest tests run it
// from source, the e2e specs the built one. Node built-ins only, so both test runners can load it.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The host from source, through tsx. */
export const KIOSK_FROM_SOURCE: readonly string[] = ['--import', 'tsx', 'src/main/kiosk/main.ts'];
/** The built host (`npm run build`), as the e2e run and a packaged kiosk start it. */
export const BUILT_KIOSK: readonly string[] = ['dist/main/kiosk.mjs'];

const START_TIMEOUT_MS = 60_000;

export interface KioskChild {
  /** Where it serves, from its "ready at" line. */
  url: string;
  child: ChildProcess;
  /** Its services process (services/entry.ts), from the same line. */
  servicesPid: number | undefined;
  /** Everything it printed so far, stdout and stderr together. */
  output(): string;
  /**
   * Signals it (SIGTERM by default) and waits for it to exit; its exit code, null when a signal ended it.
   * SIGKILL is a crash or a power cut of the whole kiosk: its services process is killed too, and waited for.
   */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the host on a free port with `dataDir`; rejects with its output if it exits or is not ready within a
 * minute (a first start migrates the database and may render demo footage).
 */
export async function spawnKiosk(
  entry: readonly string[],
  dataDir: string,
  args: readonly string[] = [],
): Promise<KioskChild> {
  const child = spawn(process.execPath, [...entry, '--port', '0', '--data-dir', dataDir, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`kiosk did not start:\n${output}`)), START_TIMEOUT_MS);
    child.stdout.on('data', () => {
      const match = /ready at (http:\/\/\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`kiosk exited with ${code}:\n${output}`));
    });
  });
  const servicesMatch = /services process (\d+)/.exec(output);
  const servicesPid = servicesMatch ? Number(servicesMatch[1]) : undefined;
  return {
    url,
    child,
    servicesPid,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      const exited =
        child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve(child.exitCode)
          : new Promise<number | null>((resolve) => {
              child.once('exit', (code) => resolve(code));
              child.kill(signal);
            });
      // Both at once, the host first, so it has no time to start its services again.
      if (signal === 'SIGKILL' && servicesPid) await killAndWait(servicesPid);
      return exited;
    },
  };
}

/** SIGKILLs a process that is not our child and returns once it is gone (a zombie counts as gone). */
async function killAndWait(pid: number): Promise<void> {
  const alive = () => {
    try {
      process.kill(pid, 0);
    } catch {
      return false;
    }
    try {
      return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    } catch {
      return false;
    }
  };
  if (!alive()) return;
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    return;
  }
  for (let waited = 0; alive() && waited < 5_000; waited += 20) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
