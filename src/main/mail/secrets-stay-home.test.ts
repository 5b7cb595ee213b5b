// The SMTP password leaves the kiosk only as ciphertext: a backup and "Save diagnostics" hold neither the
// password nor the local key that opens it (real backups and diagnostics of real data folders).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import { makeTempDir } from '../../../db/test-support';
import type { DiagnosticsTarget, SavedDiagnostics } from '../../shared/problems';
import { backupDataDir } from '../backups/engine/backup';
import { makeKioskFolder } from '../backups/engine/test-support';
import { openProblemsBench, type ProblemsBench } from '../problems/test-support';
import { createLocalKeyBox, SECRET_KEY_FILE } from './secret-box';
import { saveMailSettings } from './settings';

const PASSWORD = 'Zebra-Mailbox-7731';

const account = {
  host: 'smtp.example.com',
  port: 587,
  tls: 'starttls' as const,
  user: 'kiosk@example.com',
  password: PASSWORD,
  from: 'kiosk@example.com',
  followUpEnabled: true,
  followUpHours: 24,
};

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

let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

describe('the SMTP password and the local key', () => {
  it('are not in a backup: the key file is left out and the database holds only ciphertext', async () => {
    const dir = makeTempDir('magnum-mail-backup-');
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    const dataDir = path.join(dir, 'data');
    await makeKioskFolder(dataDir, { flights: 1 });
    const opened = await openDatabase(path.join(dataDir, 'magnum.db'));
    const box = createLocalKeyBox(dataDir);
    await saveMailSettings(opened.db, { preferred: box, all: [box] }, account, null, new Date());
    await opened.close();
    const key = readFileSync(path.join(dataDir, SECRET_KEY_FILE));

    const root = path.join(dir, 'usb', 'MagnumStream-backups');
    await backupDataDir({ dataDir, root, keepGenerations: 1, now: () => new Date() });
    const files = everyFile(root);
    expect(files.length).toBeGreaterThan(3);
    for (const file of files) {
      expect(file.bytes.includes(Buffer.from(PASSWORD)), file.name).toBe(false);
      expect(file.bytes.includes(key), file.name).toBe(false);
      expect(file.bytes.includes(Buffer.from(key.toString('hex'))), file.name).toBe(false);
    }
    // The database in the backup does have the (encrypted) account: restoring it on the same kiosk works.
    expect(files.some((file) => file.bytes.includes(Buffer.from('smtp.example.com')))).toBe(true);
  });

  it('are not in saved diagnostics', async () => {
    const bench: ProblemsBench = await openProblemsBench();
    cleanup.push(() => bench.dispose());
    const box = createLocalKeyBox(bench.dataDir);
    await saveMailSettings(
      bench.data.db(),
      { preferred: box, all: [box] },
      account,
      bench.admin.id,
      new Date(),
    );
    const key = readFileSync(path.join(bench.dataDir, SECRET_KEY_FILE));
    const [target] = await bench.value<DiagnosticsTarget[]>('problems.diagnosticsTargets', {}, 'admin');
    const saved = await bench.value<SavedDiagnostics>(
      'problems.saveDiagnostics',
      { targetId: target!.id },
      'admin',
    );
    const files = everyFile(bench.drive.dir);
    expect(files.length).toBeGreaterThan(2);
    expect(saved).toBeTruthy();
    // The account is there for whoever reads the bundle (is e-mail set up?), but only as "passwordSet".
    const settings = files.find((file) => file.name.endsWith('settings.json'))!.bytes.toString('utf8');
    expect(settings).toContain('"host": "smtp.example.com"');
    expect(settings).toContain('"passwordSet": true');
    for (const file of files) {
      expect(path.basename(file.name)).not.toBe(SECRET_KEY_FILE);
      expect(file.bytes.includes(Buffer.from(PASSWORD)), file.name).toBe(false);
      expect(file.bytes.includes(key), file.name).toBe(false);
    }
  });
});
