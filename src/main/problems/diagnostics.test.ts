import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { countRows, makeTempDir } from '../../../db/test-support';
import type { DiagnosticsTarget, SavedDiagnostics } from '../../shared/problems';
import { targetIdOf } from '../delivery/targets';
import { chooseLogs } from './diagnostics';
import { DIAGNOSTICS_ROOT_FOLDER, writeDiagnosticsFolder } from './diagnostics-folder';
import { codeOf, CUSTOMER, openProblemsBench, type ProblemsBench } from './test-support';

let bench: ProblemsBench;
beforeEach(async () => {
  bench = await openProblemsBench();
});
afterEach(() => bench.dispose());

/** Every file under `dir`, by its path relative to it. */
function filesUnder(dir: string): Map<string, string> {
  const found = new Map<string, string>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) walk(full);
      else found.set(path.relative(dir, full), readFileSync(full, 'utf8'));
    }
  };
  walk(dir);
  return found;
}

const SELF_CHECKIN = {
  names: 'Priyanka Ramaswamy',
  email: 'priyanka.r@example.org',
  phone: '+91 98765 43210',
};

/**
 * Logs as a bad day leaves them: an ffmpeg error quoting the title card, a failed copy naming the delivery
 * folder, an outbox error with the customer's address and phone, and a careless dump of a user row.
 */
function writeLogs(pinHash: string) {
  const logs = path.join(bench.dataDir, 'logs');
  mkdirSync(logs, { recursive: true });
  const line = (msg: string, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ level: 50, time: '2026-12-02T09:00:00.000Z', ...extra, msg });
  writeFileSync(
    path.join(logs, 'magnum.log'),
    [
      line('export failed', { stderr: `drawtext=text='${CUSTOMER.passengerNames}':fontsize=48` }),
      line('copy failed', {
        folder: '/media/usb/MagnumStream/Anna-Katharina-Benedikt-Keller-Hohenberg-3f2b9c1e',
      }),
      line(`e-mail to ${CUSTOMER.email} could not be sent; phone ${CUSTOMER.phone} or 079 123 45 67`),
      line('user row', { user: { name: 'Maria Lopez', pin_hash: pinHash } }),
      line(`self check-in from ${SELF_CHECKIN.email}, ${SELF_CHECKIN.phone}, for ${SELF_CHECKIN.names}`),
      line('main services started'),
    ].join('\n'),
  );
  writeFileSync(
    path.join(logs, '20261201-0000-01-magnum.log'),
    `${line('checked in Keller-Hohenberg, Anna-Katharina')}\n`,
  );
  writeFileSync(path.join(logs, 'magnum.log.txt'), 'the rotation history, not a log');
}

async function saveToDrive(session = 'crew'): Promise<SavedDiagnostics> {
  const [target] = await bench.value<DiagnosticsTarget[]>('problems.diagnosticsTargets', {}, session);
  return bench.value<SavedDiagnostics>(
    'problems.saveDiagnostics',
    {
      targetId: target!.id,
      cameras: [
        { camera: 1, source: 'front', connected: true, device: 'USB Camera (046d:085e)' },
        { camera: 2, source: 'rear', connected: false, device: null },
      ],
    },
    session,
  );
}

describe('save diagnostics', () => {
  it('writes no PIN hash, customer e-mail, phone or passenger name anywhere in the folder', async () => {
    const { pin_hash: pinHash } = bench.t.sqlite
      .prepare('SELECT pin_hash FROM users WHERE id = ?')
      .get(bench.admin.id) as { pin_hash: string };
    writeLogs(pinHash);
    // A slow query whose text names a passenger (a hand-written statement, say) is scrubbed too.
    bench.t.sqlite
      .prepare('INSERT INTO slow_queries (statement, duration_ms) VALUES (?, 150)')
      .run(`select * from flight_recordings where passenger_names = 'Benedikt Keller-Hohenberg'`);

    // A passenger's self check-in still waiting for the crew: its details are scrubbed like a flight's.
    bench.t.sqlite
      .prepare(
        'INSERT INTO self_checkins (id, passenger_names, customer_email, customer_phone) VALUES (?, ?, ?, ?)',
      )
      .run('c1', SELF_CHECKIN.names, SELF_CHECKIN.email, SELF_CHECKIN.phone);

    const saved = await saveToDrive();
    const files = filesUnder(saved.folder);
    const everything = [...files.entries()].map(([name, text]) => `${name}\n${text}`).join('\n');

    for (const secret of [
      pinHash,
      pinHash.split('$').at(-1)!,
      CUSTOMER.email,
      CUSTOMER.phone,
      '079 123 45 67',
      'Keller',
      'Hohenberg',
      'Anna-Katharina',
      'Benedikt',
      SELF_CHECKIN.email,
      SELF_CHECKIN.phone,
      'Ramaswamy',
    ]) {
      expect(everything, `"${secret}" must not be in the diagnostics`).not.toContain(secret);
    }
    // The logs are still there to read, with the details taken out.
    const log = files.get(path.join('logs', 'magnum.log'))!;
    expect(log.split('\n').filter(Boolean)).toHaveLength(6);
    expect(log).toContain('export failed');
    expect(log).toContain('[name removed]');
    expect(log).toContain('[e-mail removed]');
    expect(log).toContain('[phone removed]');
    expect(log).toContain('[secret removed]');
    expect(log).toContain('main services started');
  });

  it('holds the versions, the health figures, the settings, the cameras and the logs', async () => {
    writeLogs('scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA==$BBBB');
    const saved = await saveToDrive();
    const files = filesUnder(saved.folder);
    expect([...files.keys()].sort()).toEqual(
      [
        'README.txt',
        'cameras.json',
        'health.json',
        path.join('logs', '20261201-0000-01-magnum.log'),
        path.join('logs', 'magnum.log'),
        'settings.json',
        'versions.json',
      ].sort(),
    );
    const versions = JSON.parse(files.get('versions.json')!);
    expect(versions.app).toMatchObject({ name: 'MagnumStream', version: '0.1.0' });
    expect(versions.runtime.node).toBe(process.versions.node);
    expect(versions.database.schemaVersion).toBe(8);
    expect(versions.ffmpeg).toEqual({ available: false, message: 'ffmpeg was not looked for in this test.' });
    const health = JSON.parse(files.get('health.json')!);
    expect(health.backup).toMatchObject({ state: 'recent', at: '2026-12-01T22:00:00.000Z' });
    expect(health.exports.last7Days).toEqual({ completed: 0, failed: 0, cancelled: 0, rate: null });
    const settings = JSON.parse(files.get('settings.json')!);
    expect(settings.kiosk).toMatchObject({ sessionHours: 12, idleLockMinutes: 10 });
    expect(JSON.parse(files.get('cameras.json')!)).toEqual([
      { camera: 1, source: 'front', connected: true, device: 'USB Camera (046d:085e)' },
      { camera: 2, source: 'rear', connected: false, device: null },
    ]);
    expect(files.get('README.txt')).toContain('Saved 2026-12-02T10:00:00.000Z by Tom Reed (crew)');
  });

  it('says where the folder went and leaves nothing half-written beside it', async () => {
    const saved = await saveToDrive();
    expect(saved.place).toBe(`Drive TESTSTICK › ${DIAGNOSTICS_ROOT_FOLDER} › diagnostics-2026-12-02-100000`);
    expect(saved.folder).toBe(
      path.join(bench.drive.dir, DIAGNOSTICS_ROOT_FOLDER, 'diagnostics-2026-12-02-100000'),
    );
    expect(statSync(saved.folder).isDirectory()).toBe(true);
    const again = await saveToDrive();
    expect(again.place.endsWith('diagnostics-2026-12-02-100000-2')).toBe(true);
    expect(readdirSync(path.join(bench.drive.dir, DIAGNOSTICS_ROOT_FOLDER)).sort()).toEqual([
      'diagnostics-2026-12-02-100000',
      'diagnostics-2026-12-02-100000-2',
    ]);
    expect(saved.files).toBeGreaterThanOrEqual(4);
    expect(saved.bytes).toBeGreaterThan(0);
  });

  it('is for admins and crew, audited, and refused to pilots', async () => {
    await saveToDrive('admin');
    expect(countRows(bench.t.sqlite, 'audit_logs', "action = 'save_diagnostics'")).toBe(1);
    const [target] = await bench.value<DiagnosticsTarget[]>('problems.diagnosticsTargets', {}, 'admin');
    expect(codeOf(await bench.call('problems.diagnosticsTargets', {}, 'pilot'))).toBe('FORBIDDEN');
    expect(codeOf(await bench.call('problems.saveDiagnostics', { targetId: target!.id }, 'pilot'))).toBe(
      'FORBIDDEN',
    );
  });

  it('says plainly when the drive is gone, and writes nothing', async () => {
    const missing = await bench.call('problems.saveDiagnostics', { targetId: targetIdOf('/nowhere') });
    expect(codeOf(missing)).toBe('NOT_FOUND');
    expect(!missing.ok && missing.error.message).toContain('USB drive');
    rmSync(bench.drive.dir, { recursive: true, force: true });
    const pulled = await bench.call('problems.saveDiagnostics', { targetId: targetIdOf(bench.drive.dir) });
    expect(codeOf(pulled)).toBe('NOT_FOUND');
  });
});

describe('the diagnostics folder', () => {
  it('leaves nothing on the drive when a file fails midway', async () => {
    const drive = makeTempDir('magnum-diag-fail-');
    try {
      await expect(
        writeDiagnosticsFolder({
          targetDir: drive,
          place: 'Drive TEST',
          baseName: 'diagnostics-x',
          files: [
            { name: 'README.txt', text: 'first file is written' },
            { name: 'logs/gone.log', log: path.join(drive, 'no-such.log') },
          ],
          scrub: (text) => text,
        }),
      ).rejects.toThrow(/could not be written to Drive TEST/);
      expect(readdirSync(drive)).toEqual([]);
    } finally {
      rmSync(drive, { recursive: true, force: true });
    }
  });

  it('takes the newest logs first and leaves out what is over the budget', async () => {
    const logs = makeTempDir('magnum-diag-logs-');
    try {
      const write = (name: string, bytes: number, at: number) => {
        writeFileSync(path.join(logs, name), 'x'.repeat(bytes));
        const time = new Date(Date.UTC(2026, 11, at));
        utimesSync(path.join(logs, name), time, time);
      };
      write('a.log', 600, 1);
      write('b.log', 600, 2);
      write('c.log', 300, 3);
      const choice = await chooseLogs(logs, 1000);
      expect(choice.included.map((log) => log.name)).toEqual(['c.log', 'b.log']);
      expect(choice.left).toEqual(['a.log']);
    } finally {
      rmSync(logs, { recursive: true, force: true });
    }
  });
});
