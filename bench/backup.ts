// npm run bench:backup [-- --flights 50 --mb 20 --runs 3]: the backup engine against `cp -r` on a kiosk's data
// folder of `--flights` flights (a database seeded with them and their sales; per flight six raw camera files,
// an export and four photos, `--mb` MB in all, random bytes so nothing compresses or deduplicates). Prints, as
// medians of `--runs`, side by side:
//   - cp -r of the data folder, and cp -r followed by sync (until the copy is on disk, as a backup must be);
//   - the first backup into an empty backup root (online backup of the database, every file copied, flushed
//     and hashed, the database checked);
//   - a second backup with nothing changed;
//   - a restore of that backup into a new folder (every file copied, hashed against its manifest, flushed).
// Goals: first backup and restore at >= 0.8 of cp's speed; the unchanged second backup <= 2 s. Every step
// starts after a sync, so none pays for the previous one's writes. Exits 1 when the second backup copied a
// file (nothing changed, so that is a bug) or missed its 2 s; the cp ratios depend on the disk and the CPU
// (cp does not hash, and does not flush) and are reported.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/open';
import { backupDataDir, restoreBackup } from '../src/main/backups/engine';
import { formatBytes } from '../src/main/backups/engine/format';
import { median } from './measure';
import { seedBenchmarkData } from './seed-db';

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index > 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
const FLIGHTS = flag('flights', 50);
const MB_PER_FLIGHT = flag('mb', 20);
const RUNS = flag('runs', 3);
const GOALS = { cpRatio: 0.8, secondSeconds: 2 };

/** One flight's files: 6 raw camera files (80 %), an export (12 %), four photos (8 %). */
function writeFlightFiles(dataDir: string, recordingId: string, bytes: number): void {
  const media = join(dataDir, 'media', recordingId);
  const write = (file: string, size: number) => {
    mkdirSync(join(media, file, '..'), { recursive: true });
    writeFileSync(join(media, file), randomBytes(Math.round(size)));
  };
  for (const scene of ['cruising', 'chase', 'arrival']) {
    for (const camera of [1, 2]) write(`${scene}/camera${camera}.mp4`, (bytes * 0.8) / 6);
  }
  write('exports/souvenir.mp4', bytes * 0.12);
  for (let i = 1; i <= 4; i++) write(`photos/photo-${i}.jpg`, (bytes * 0.08) / 4);
}

async function makeKiosk(dataDir: string): Promise<{ files: number; bytes: number }> {
  const database = await openDatabase(join(dataDir, 'magnum.db'));
  seedBenchmarkData(database.sqlite, {
    recordings: FLIGHTS,
    salesTarget: Math.round(FLIGHTS * 0.6),
    days: 30,
  });
  const ids = database.sqlite.prepare('SELECT id FROM flight_recordings').pluck().all() as string[];
  await database.close();
  for (const id of ids) writeFlightFiles(dataDir, id, MB_PER_FLIGHT * 1_000_000);
  const files = Number(execFileSync('sh', ['-c', `find '${dataDir}' -type f | wc -l`]).toString());
  const bytes = Number(execFileSync('du', ['-sb', dataDir]).toString().split('\t')[0]);
  return { files, bytes };
}

const sync = () => execFileSync('sync');

async function seconds(work: () => unknown): Promise<number> {
  sync();
  const start = performance.now();
  await work();
  return (performance.now() - start) / 1000;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'magnum-bench-backup-'));
  try {
    const dataDir = join(dir, 'kiosk');
    mkdirSync(dataDir);
    const size = await makeKiosk(dataDir);
    console.log(
      `A ${FLIGHTS}-flight kiosk: ${size.files} files, ${formatBytes(size.bytes)} (database included), in ${dir}`,
    );
    const figures = {
      cp: [] as number[],
      cpSync: [] as number[],
      first: [] as number[],
      second: [] as number[],
      restore: [] as number[],
    };
    let secondCopied = 0;
    for (let run = 1; run <= RUNS; run++) {
      const cpTarget = join(dir, `cp-${run}`);
      figures.cp.push(await seconds(() => execFileSync('cp', ['-r', dataDir, cpTarget])));
      rmSync(cpTarget, { recursive: true });
      figures.cpSync.push(
        await seconds(() => {
          execFileSync('cp', ['-r', dataDir, cpTarget]);
          sync();
        }),
      );
      rmSync(cpTarget, { recursive: true });

      const root = join(dir, `usb-${run}`, 'MagnumStream-backups');
      figures.first.push(await seconds(() => backupDataDir({ dataDir, root, keepGenerations: 2 })));
      let copied = 0;
      figures.second.push(
        await seconds(async () => {
          copied = (await backupDataDir({ dataDir, root, keepGenerations: 2 })).filesCopied;
        }),
      );
      secondCopied = Math.max(secondCopied, copied);
      const restored = join(dir, `restored-${run}`);
      figures.restore.push(await seconds(() => restoreBackup({ root, dataDir: restored })));
      rmSync(restored, { recursive: true });
      rmSync(join(dir, `usb-${run}`), { recursive: true });
      console.log(
        `  run ${run}: cp ${figures.cp.at(-1)?.toFixed(2)} s, cp+sync ${figures.cpSync.at(-1)?.toFixed(2)} s, ` +
          `first ${figures.first.at(-1)?.toFixed(2)} s, second ${figures.second.at(-1)?.toFixed(2)} s, ` +
          `restore ${figures.restore.at(-1)?.toFixed(2)} s`,
      );
    }
    const m = {
      cp: median(figures.cp),
      cpSync: median(figures.cpSync),
      first: median(figures.first),
      second: median(figures.second),
      restore: median(figures.restore),
    };
    const speed = (s: number) => `${formatBytes(size.bytes / s)}/s`;
    const row = (name: string, s: number, vsCp: string, vsSync: string, goal: string) =>
      `| ${name.padEnd(34)} | ${s.toFixed(2).padStart(6)} | ${speed(s).padStart(10)} | ${vsCp.padStart(7)} | ${vsSync.padStart(12)} | ${goal.padEnd(13)} |`;
    const ratio = (s: number, base: number) => (base / s).toFixed(2);
    const verdict = (ok: boolean) => (ok ? 'ok' : 'missed');
    const load = loadavg().map((n) => n.toFixed(1));
    console.log(
      `\nLoad average at the end (1, 5, 15 min): ${load.join(', ')} on ${availableParallelism()} cores.`,
    );
    console.log(`\nMedians of ${RUNS} runs (speed relative to cp: cp's time / this time; 1.00 = as fast):\n`);
    console.log(
      `| ${'figure'.padEnd(34)} | ${'s'.padStart(6)} | ${'speed'.padStart(10)} | ${'vs cp'.padStart(7)} | ${'vs cp+sync'.padStart(12)} | ${'goal'.padEnd(13)} |`,
    );
    console.log(`| ${'-'.repeat(34)} | -----: | ---------: | ------: | -----------: | ${'-'.repeat(13)} |`);
    console.log(row('cp -r', m.cp, '1.00', ratio(m.cp, m.cpSync), ''));
    console.log(row('cp -r, then sync', m.cpSync, ratio(m.cpSync, m.cp), '1.00', ''));
    console.log(
      row(
        'first backup',
        m.first,
        ratio(m.first, m.cp),
        ratio(m.first, m.cpSync),
        `>= 0.8 ${verdict(m.cp / m.first >= GOALS.cpRatio)}`,
      ),
    );
    console.log(
      row(
        'second backup, nothing changed',
        m.second,
        '-',
        '-',
        `<= 2 s ${verdict(m.second <= GOALS.secondSeconds)}`,
      ),
    );
    console.log(
      row(
        'restore',
        m.restore,
        ratio(m.restore, m.cp),
        ratio(m.restore, m.cpSync),
        `>= 0.8 ${verdict(m.cp / m.restore >= GOALS.cpRatio)}`,
      ),
    );
    if (secondCopied > 0) console.log(`\nThe unchanged second backup copied ${secondCopied} files: a bug.`);
    if (secondCopied > 0 || m.second > GOALS.secondSeconds) process.exitCode = 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
