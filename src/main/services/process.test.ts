// The services in a process of their own, started for real (the TypeScript entry through tsx, as the browser
// kiosk host starts it from source) on a real data folder: calls, sessions, files, events and the keychain
// cross the boundary; a services process killed mid-work is answered in plain words and started again; close
// and a vanished host both end it with its database closed.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../db/test-support';
import type { Result } from '../../shared/errors';
import type { EventName } from '../../shared/contract';
import type { Receivers } from '../ipc/audience';
import { createLocalKeyBox, type SecretBox } from '../mail/secret-box';
import { forkServices } from './node-child';
import { startServicesProcess, type ServicesProcess } from './process';
import type { FromServices } from './protocol';
import { openFiles } from './test-support';

const ENTRY = { file: path.join(import.meta.dirname, 'entry.ts'), execArgv: ['--import', 'tsx'] };
const silent = pino({ level: 'silent' });
const started: ServicesProcess[] = [];

afterEach(async () => {
  for (const services of started.splice(0)) await services.close();
});

async function startServices(
  dataDir = makeTempDir('magnum-services-'),
  offers: Parameters<typeof startServicesProcess>[0]['offers'] = {},
): Promise<{ services: ServicesProcess; dataDir: string }> {
  const services = await startServicesProcess({
    spawn: () => forkServices(ENTRY),
    start: { dataDir, host: 'browser', downloadPort: 0 },
    offers,
    logger: silent,
    restartDelayMs: () => 50,
  });
  started.push(services);
  return { services, dataDir };
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function call(services: ServicesProcess, channel: string, input: unknown, session?: string) {
  return services.dispatch({ channel, input, session, transport: 'websocket' });
}

function value<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('the services process', () => {
  it('runs apart from the host and alone holds the database; calls and sessions cross to it', async () => {
    const { services, dataDir } = await startServices();
    const pid = services.pid()!;
    expect(pid).toBeGreaterThan(0);
    expect(pid).not.toBe(process.pid);
    const database = path.join(dataDir, 'magnum.db');
    expect(openFiles(pid)).toContain(database);
    expect(openFiles(process.pid)).not.toContain(database);

    const info = value<{ host: string; database: { state: string } }>(
      await call(services, 'system.info', {}),
    );
    expect(info).toMatchObject({ host: 'browser', database: { state: 'ok' } });

    // The dispatcher's "whose session is this" reaches the host's transport, as in one process.
    const { token } = value<{ token: string }>(
      await call(services, 'auth.setup', { name: 'Ada Admin', pin: '2468' }),
    );
    const callers: unknown[] = [];
    await services.dispatch({
      channel: 'settings.get',
      input: {},
      session: token,
      transport: 'websocket',
      onCaller: (user) => callers.push(user),
    });
    expect(callers).toEqual([expect.objectContaining({ name: 'Ada Admin', role: 'admin' })]);
    expect(await services.audience.userOf(token)).toMatchObject({ name: 'Ada Admin', role: 'admin' });
    expect(await services.audience.userOf('not-a-session')).toBeNull();
    // Validation still happens on the services side.
    const refused = await call(services, 'settings.update', { sessionHours: 'many' }, token);
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('answers file requests from its database: nobody signed in, unknown files', async () => {
    const { services } = await startServices();
    const anonymous = await services.media.respond({
      method: 'GET',
      url: '/media/6f1c2a9e-3b7d-4c1e-9a55-0d2b8e4f7a10/camera1.mp4',
      viewer: null,
    });
    expect(anonymous.status).toBe(401);
    const admin = { id: 'u1', name: 'Ada', role: 'admin' as const };
    const unknown = await services.media.respond({
      method: 'GET',
      url: '/media/6f1c2a9e-3b7d-4c1e-9a55-0d2b8e4f7a10/camera1.mp4',
      viewer: admin,
    });
    expect(unknown.status).toBe(404);
    const thumb = await services.thumbnails.respond({ method: 'POST', url: '/thumbs/x', viewer: admin });
    expect(thumb.status).toBe(405);
  });

  it('seals the mail password with the host’s keychain, one process away', async () => {
    const dataDir = makeTempDir('magnum-services-');
    const real = createLocalKeyBox(makeTempDir('magnum-keychain-'));
    const sealed: string[] = [];
    const keychain: SecretBox = {
      kind: 'os-keychain',
      encrypt: async (text) => {
        sealed.push(text);
        return real.encrypt(text);
      },
      decrypt: (bytes) => real.decrypt(bytes),
    };
    const { services } = await startServices(dataDir, { keychain });
    const { token } = value<{ token: string }>(
      await call(services, 'auth.setup', { name: 'Ada Admin', pin: '2468' }),
    );
    const saved = await call(
      services,
      'mail.saveSettings',
      {
        host: 'smtp.example.com',
        port: 587,
        tls: 'starttls',
        user: 'kiosk@example.com',
        password: 'hunter2-smtp',
        from: 'kiosk@example.com',
        followUpEnabled: false,
        followUpHours: 24,
      },
      token,
    );
    expect(saved.ok).toBe(true);
    expect(sealed).toEqual(['hunter2-smtp']);
  });

  it('killed mid-work: the call is answered in plain words, screens are told, and it starts again', async () => {
    const { services } = await startServices();
    const events: Array<{ event: EventName; payload: unknown; receivers: Receivers }> = [];
    services.feed.subscribe((event, payload, receivers) => events.push({ event, payload, receivers }));
    const first = services.pid()!;

    // A call in flight when the process dies (auth.setup hashes a PIN with a slow KDF: it is still running).
    const inFlight = call(services, 'auth.setup', { name: 'Ada Admin', pin: '2468' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    process.kill(first, 'SIGKILL');
    const answer = await inFlight;
    expect(answer).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    expect(answer.ok ? '' : answer.error.message).toMatch(/stopped .* starting again/);

    // The next call waits for the new process instead of failing.
    const info = value<{ host: string }>(await call(services, 'system.info', {}));
    expect(info.host).toBe('browser');
    expect(services.pid()).not.toBe(first);
    expect(services.restarts()).toBe(1);
    expect(events).toContainEqual({
      event: 'system.notice',
      payload: expect.objectContaining({ level: 'warning' }),
      receivers: { kind: 'signedIn' },
    });
  });

  it('closes with its database on close, and leaves no process behind', async () => {
    const { services, dataDir } = await startServices();
    const pid = services.pid()!;
    await services.close();
    expect(isRunning(pid)).toBe(false);
    // A cleanly closed WAL database leaves no -wal file behind.
    expect(existsSync(path.join(dataDir, 'magnum.db-wal'))).toBe(false);
    expect(await call(services, 'system.info', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE' },
    });
  });

  it('closes itself when its host vanishes without a word', async () => {
    const dataDir = makeTempDir('magnum-services-');
    const child = fork(ENTRY.file, [], {
      execArgv: ENTRY.execArgv,
      serialization: 'advanced',
      stdio: 'ignore',
    });
    const ready = new Promise<void>((resolve) =>
      child.on('message', (message: FromServices) => {
        if (message.type === 'ready') resolve();
      }),
    );
    child.send({
      type: 'start',
      options: {
        dataDir,
        host: 'browser',
        downloadPort: 0,
        offers: { keychain: false, startAtLogin: false },
      },
    });
    await ready;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.disconnect(); // as when the host process is killed
    expect(await exited).toBe(0);
    expect(existsSync(path.join(dataDir, 'magnum.db-wal'))).toBe(false);
  });
});
