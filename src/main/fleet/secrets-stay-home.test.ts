// The central database's password leaves the kiosk only as ciphertext, as the SMTP password does
// (mail/secrets-stay-home.test.ts): the real app is started on a real data folder, an admin saves an address
// with the password in it through the real dispatcher, tests it, syncs, and mistypes it; afterwards neither the
// app's log files, nor the database, nor what waits to be pushed, nor a real backup, nor saved diagnostics hold
// the password, and the backup and the diagnostics do not hold the key that opens it either.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../db/test-support';
import type { SessionInfo } from '../../shared/auth';
import type { Result } from '../../shared/errors';
import type { FleetSettingsView } from '../../shared/fleet';
import type { DiagnosticsTarget } from '../../shared/problems';
import { startMainApp, type MainApp } from '../app';
import { FAST_PIN_PARAMS } from '../auth/test-support';
import { backupDataDir } from '../backups/engine/backup';
import { SECRET_KEY_FILE } from '../mail/secret-box';

const PASSWORD = 'Windsock-Orange-8817';
const MISTYPED = 'Windsock-Orange-8818';

/** Every file under dir, as bytes. */
function everyFile(dir: string): Array<{ name: string; bytes: Buffer }> {
  const found: Array<{ name: string; bytes: Buffer }> = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else found.push({ name: path.relative(dir, full), bytes: readFileSync(full) });
    }
  };
  walk(dir);
  return found;
}

const holds = (bytes: Buffer, secret: string) =>
  bytes.includes(Buffer.from(secret)) || bytes.includes(Buffer.from(encodeURIComponent(secret)));

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('the central database password', () => {
  it('is not in the log, the database, the change log, a backup or saved diagnostics', async () => {
    const dir = makeTempDir('magnum-fleet-secrets-');
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, 'data');
    let app: MainApp | null = await startMainApp({
      dataDir,
      host: 'browser',
      data: { pinParams: FAST_PIN_PARAMS },
    });
    cleanup.push(() => app?.close());
    const call = async <T>(channel: string, input: unknown, session?: string) =>
      (await app!.dispatch({ channel, input, session, transport: 'websocket' })) as Result<T>;
    const value = async <T>(channel: string, input: unknown, session?: string) => {
      const result = await call<T>(channel, input, session);
      if (!result.ok) throw new Error(`${channel}: ${result.error.message}`);
      return result.value;
    };
    const { token } = await value<SessionInfo>('auth.setup', { name: 'Maria Lopez', pin: '482100' });

    const saved = await value<FleetSettingsView>(
      'fleet.saveSettings',
      {
        url: `postgres://kiosk:${PASSWORD}@127.0.0.1:5432/fleet`,
        airfieldName: 'Alpine Field',
        enabled: true,
      },
      token,
    );
    expect(saved).toMatchObject({ passwordSet: true, address: 'postgres://kiosk@127.0.0.1:5432/fleet' });
    expect(JSON.stringify(await value('fleet.settings', {}, token))).not.toContain(PASSWORD);
    await call('fleet.testConnection', {}, token);
    await call('fleet.syncNow', {}, token);
    // Refused (port 0): the refusal must not carry the address back, nor the log keep it.
    const refused = await call(
      'fleet.saveSettings',
      {
        url: `postgres://kiosk:${MISTYPED}@127.0.0.1:0/fleet`,
        airfieldName: 'Alpine Field',
        enabled: true,
      },
      token,
    );
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused)).not.toContain(MISTYPED);
    const [target] = await value<DiagnosticsTarget[]>('problems.diagnosticsTargets', {}, token);
    await value('problems.saveDiagnostics', { targetId: target!.id }, token);
    await app.close();
    app = null;

    const key = readFileSync(path.join(dataDir, SECRET_KEY_FILE));
    const kiosk = everyFile(dataDir);
    expect(
      kiosk.some(
        (file) => file.name.startsWith('logs/') && file.bytes.includes(Buffer.from('fleet settings saved')),
      ),
    ).toBe(true);
    for (const file of kiosk) {
      expect(holds(file.bytes, PASSWORD), file.name).toBe(false);
      expect(holds(file.bytes, MISTYPED), file.name).toBe(false);
    }

    // Saved diagnostics (in the kiosk's deliveries folder) say a password is set, never which, nor the key.
    const diagnostics = kiosk.filter((file) => file.name.startsWith(`deliveries${path.sep}`));
    const settings = diagnostics.find((file) => file.name.endsWith('settings.json'))!.bytes.toString('utf8');
    expect(settings).toContain('"address": "postgres://kiosk@127.0.0.1:5432/fleet"');
    expect(settings).toContain('"passwordSet": true');
    for (const file of diagnostics) {
      expect(path.basename(file.name)).not.toBe(SECRET_KEY_FILE);
      expect(file.bytes.includes(key), file.name).toBe(false);
    }

    const root = path.join(dir, 'usb', 'MagnumStream-backups');
    await backupDataDir({ dataDir, root, keepGenerations: 1, now: () => new Date() });
    const backup = everyFile(root);
    expect(backup.length).toBeGreaterThan(3);
    for (const file of backup) {
      expect(holds(file.bytes, PASSWORD), file.name).toBe(false);
      expect(file.bytes.includes(key), file.name).toBe(false);
      expect(file.bytes.includes(Buffer.from(key.toString('hex'))), file.name).toBe(false);
    }
    // The backup does hold the saved address (encrypted password and all): restored here, syncing goes on.
    expect(
      backup.some((file) => file.bytes.includes(Buffer.from('postgres://kiosk@127.0.0.1:5432/fleet'))),
    ).toBe(true);
  });
});
