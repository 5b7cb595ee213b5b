// A new kiosk before its operator has set it up, against a real kiosk host process: a machine on its network
// (127.0.0.2, src/main/auth/kiosk-machine.ts) cannot make itself the first manager, nor list the kiosk's
// folders for backups or restore one, which would hand it the kiosk. At the kiosk machine itself all of that
// still works, in that order.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startKiosk, type KioskProcess } from '../support/kiosk-process';
import { screenAt } from './support';

let kiosk: KioskProcess;
const opened: WebSocket[] = [];

beforeAll(async () => {
  kiosk = await startKiosk();
});

afterAll(async () => {
  for (const socket of opened) socket.close();
  await kiosk?.stop();
});

const refusedAtTheKiosk = {
  ok: false,
  error: {
    code: 'FORBIDDEN',
    message: expect.stringMatching(/^Setting up a new kiosk.*at the kiosk itself/),
  },
};

describe('a kiosk nobody has set up yet', () => {
  it('cannot be claimed or restored from the network, and says where to do it', async () => {
    const call = await screenAt(kiosk, '127.0.0.2', opened);
    expect(await call('auth.status', {})).toMatchObject({ ok: true, value: { needsSetup: true } });
    expect(await call('auth.setup', { name: 'Wi-Fi Visitor', pin: '1357' })).toMatchObject(refusedAtTheKiosk);
    expect(await call('backups.recoveryOptions', {})).toMatchObject(refusedAtTheKiosk);
    expect(await call('backups.recoveryGenerations', { folder: '/root' })).toMatchObject(refusedAtTheKiosk);
    const restore = { folder: '/tmp', generation: '2026-01-01T00-00-00Z' };
    const restored = await call('backups.recoveryRestore', restore);
    expect(restored.ok).toBe(false);
    expect(await call('auth.status', {})).toMatchObject({ ok: true, value: { needsSetup: true } });
  });

  it('is set up at the kiosk machine itself', async () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'magnum-no-backups-'));
    onTestFinished(() => rmSync(folder, { recursive: true, force: true }));
    const call = await screenAt(kiosk, '127.0.0.1', opened);
    expect(await call('backups.recoveryOptions', {})).toMatchObject({
      ok: true,
      value: { reason: 'first-start' },
    });
    expect(await call('backups.recoveryGenerations', { folder })).toEqual({ ok: true, value: [] });
    expect(await call('auth.setup', { name: 'Ops Manager', pin: '2468' })).toMatchObject({
      ok: true,
      value: { user: { name: 'Ops Manager', role: 'admin' } },
    });
  });
});
