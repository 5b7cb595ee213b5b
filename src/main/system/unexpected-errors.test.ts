// Both hosts (electron/main.ts and kiosk/main.ts) install this first thing. Checked in a real Node process: an
// error nobody caught and a rejection nobody handled are logged, and the process serves on instead of exiting.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const moduleUrl = pathToFileURL(fileURLToPath(new URL('./unexpected-errors.ts', import.meta.url))).href;
// The host script lives in a temp folder, so its imports are given as full addresses.
const pinoUrl = pathToFileURL(createRequire(import.meta.url).resolve('pino')).href;
const dir = mkdtempSync(path.join(tmpdir(), 'unexpected-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runHost(body: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const script = path.join(dir, `host-${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(
    script,
    `import { pino } from ${JSON.stringify(pinoUrl)};
import { keepServingOnUnexpectedErrors } from ${JSON.stringify(moduleUrl)};
const logger = pino({ level: 'info' });
${body}
`,
  );
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', script],
      { cwd: process.cwd(), timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? ((error.code as number) ?? 1) : 0, stdout, stderr }),
    );
  });
}
const logLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('an error nobody caught', () => {
  it('is logged with where it came from, and the process serves on', async () => {
    const { code, stdout } = await runHost(`
keepServingOnUnexpectedErrors({ logger: () => logger });
setTimeout(() => { throw new Error('a write failed'); }, 10);
setTimeout(() => { void Promise.reject(new Error('a call nobody awaited')); }, 20);
setTimeout(() => { console.log('still serving'); }, 200);
`);
    expect(code).toBe(0);
    expect(stdout).toContain('still serving');
    expect(logLines(stdout)).toMatchObject([
      {
        level: 50,
        origin: 'uncaughtException',
        err: { message: 'a write failed' },
        msg: 'unexpected error; serving on',
      },
      { level: 50, origin: 'unhandledRejection', err: { message: 'a call nobody awaited' } },
    ]);
  });

  it('goes to stderr before the log exists', async () => {
    const { code, stdout, stderr } = await runHost(`
keepServingOnUnexpectedErrors({ logger: () => undefined });
setTimeout(() => { throw new Error('too early'); }, 10);
setTimeout(() => { console.log('still serving'); }, 200);
`);
    expect(code).toBe(0);
    expect(stdout).toContain('still serving');
    expect(stderr).toContain('Unexpected error (uncaughtException); the kiosk keeps serving:');
    expect(stderr).toContain('too early');
  });

  it('ends the process without it, as Node does by default (the test can fail)', async () => {
    const { code, stdout, stderr } = await runHost(`
void logger;
setTimeout(() => { throw new Error('a write failed'); }, 10);
setTimeout(() => { console.log('still serving'); }, 200);
`);
    expect(code).not.toBe(0);
    expect(stderr).toContain('Error: a write failed');
    expect(stdout).not.toContain('still serving');
  });
});
