// What a machine on the kiosk's network gets from the channels anyone may call before signing in, against a
// real kiosk host process: the status strip's facts, but not where the kiosk keeps its files (a folder often
// names the operator's account), and no way to flood the kiosk's log. "The network" is 127.0.0.2
// (src/main/auth/kiosk-machine.ts).
import { statSync } from 'node:fs';
import path from 'node:path';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_REPORTS_PER_ADDRESS } from '../../src/main/system/handlers';
import type { Result } from '../../src/shared/errors';
import type { SystemInfo } from '../../src/shared/system';
import { startKiosk, type KioskProcess } from '../support/kiosk-process';
import { screenAt, setUpAdmin } from './support';

let kiosk: KioskProcess;
let adminToken: string;
const opened: WebSocket[] = [];

beforeAll(async () => {
  kiosk = await startKiosk();
  adminToken = await setUpAdmin(kiosk);
});

afterAll(async () => {
  for (const socket of opened) socket.close();
  await kiosk?.stop();
});

const screenFrom = (from: string) => screenAt(kiosk, from, opened);

describe('public channels asked from the network', () => {
  it('system.info tells a screen that has not signed in no folder of the kiosk', async () => {
    const call = await screenFrom('127.0.0.2');
    const result = await call('system.info', {});
    expect(result.ok).toBe(true);
    const info = (result as { value: SystemInfo }).value;
    // What the status strip under the sign-in screen shows is all there...
    expect(info).toMatchObject({ appName: 'MagnumStream', database: { state: 'ok' } });
    expect(typeof info.storage.level).toBe('string');
    // ...but not where the kiosk keeps its data or its programs.
    const text = JSON.stringify(info);
    expect(text).not.toContain(kiosk.dataDir);
    expect(text).not.toMatch(/"path":"\//);
    expect(info.ffmpeg).not.toHaveProperty('path', expect.stringMatching(/\//));
  });

  it('system.info still names the folders on the kiosk machine itself and to a signed-in screen', async () => {
    const local = await screenFrom('127.0.0.1');
    expect(await local('system.info', {})).toMatchObject({ ok: true, value: { dataDir: kiosk.dataDir } });
    const signedIn = await screenFrom('127.0.0.2');
    expect(await signedIn('system.info', {}, adminToken)).toMatchObject({
      ok: true,
      value: { dataDir: kiosk.dataDir },
    });
  });

  it('does not let a screen flood the kiosk’s log with error reports', async () => {
    const logFile = path.join(kiosk.dataDir, 'logs', 'magnum.log');
    const before = statSync(logFile).size;
    const report = { screen: 'sign-in', message: 'x'.repeat(2_000), stack: 'y'.repeat(20_000) };
    // Four screens from one address, 50 reports each: what a log-wiping script on the Wi-Fi would send.
    const screens = await Promise.all([1, 2, 3, 4].map(() => screenFrom('127.0.0.3')));
    const results = await Promise.all(
      screens.map(async (call) => {
        const answers: Result<unknown>[] = [];
        for (let i = 0; i < 50; i += 1) answers.push(await call('system.reportRendererError', report));
        return answers;
      }),
    );
    const answers = results.flat();
    const logged = answers.filter((answer) => answer.ok).length;
    expect(logged).toBeLessThanOrEqual(RENDERER_REPORTS_PER_ADDRESS);
    expect(answers.find((answer) => !answer.ok)).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', message: expect.stringMatching(/^Too many error reports/) },
    });
    expect(statSync(logFile).size - before).toBeLessThan((RENDERER_REPORTS_PER_ADDRESS + 5) * 25_000);
    // Another address is not held back by it.
    const other = await screenFrom('127.0.0.4');
    expect(
      await other('system.reportRendererError', { screen: 'sign-in', message: 'one real error' }),
    ).toEqual({
      ok: true,
      value: { logged: true },
    });
  });
});
