// Test helpers for the backup and restore CLIs: run one as an operator would (tsx, real files), or start one
// and SIGKILL it once it is visibly at work.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');

/** As `npm run <script>` runs it, minus npm: node with tsx's loader (one process, so a SIGKILL reaches it). */
const command = (script: string, args: string[]) => ['--import', 'tsx', `scripts/${script}.ts`, ...args];

export function runCli(script: 'backup' | 'restore', ...args: string[]) {
  const run = spawnSync(process.execPath, command(script, args), { cwd: repo, encoding: 'utf8' });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/**
 * Starts the CLI, waits until `ready()` says it is in the middle of its work (polled every 10 ms), then kills it
 * with SIGKILL. Rejects when the CLI finished first: the test would prove nothing.
 */
export function killCliWhen(
  script: 'backup' | 'restore',
  args: string[],
  ready: (stdout: string) => boolean,
): Promise<{ stdout: string }> {
  return new Promise((resolvePromise, reject) => {
    // Not the tsx command: it runs node as a child of its own, which the SIGKILL would not reach.
    const child = spawn(process.execPath, command(script, args), {
      cwd: repo,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setInterval(() => {
      if (!killed && ready(stdout)) {
        killed = true;
        child.kill('SIGKILL');
      }
    }, 10);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      if (killed && signal === 'SIGKILL') resolvePromise({ stdout });
      else
        reject(
          new Error(`${script} ended by itself (code ${code}) before it was killed:\n${stdout}\n${stderr}`),
        );
    });
  });
}

/** `count` files of `bytes` random bytes each under dir, all different (no two share an object). */
export function writeRandomFiles(dir: string, count: number, bytes: number): void {
  const body = randomBytes(bytes);
  for (let i = 0; i < count; i++) {
    body.writeUInt32BE(i, 0);
    writeFileSync(join(dir, `take-${String(i).padStart(3, '0')}.webm`), body);
  }
}
