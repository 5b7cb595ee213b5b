// npm run bench:db: times the queries the kiosk runs most against years of data, and shows SQLite's plans.
// Goals: dashboard (latest 50 unsold with summary) <= 5 ms, 90-day sales report (every figure) <= 250 ms,
// migrating an empty database <= 200 ms.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/open';
import { listUnsoldRecordings, unsoldRecordingsQuery } from '../src/main/recordings/dashboard';
import { addDays } from '../src/main/reports/period';
import { flightsInPeriodQuery, salesInPeriodQuery } from '../src/main/reports/queries';
import { readPeriod, salesReport } from '../src/main/reports/service';
import { median, plan, timeIt } from './measure';
import { seedBenchmarkData } from './seed-db';

const RECORDINGS = 50_000;
const SALES = 100_000;
const DAYS = 730;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'magnum-bench-'));
  try {
    // 1. Migrating an empty database: openDatabase on a new file (pragmas + every migration), median of 7.
    const migrationTimes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      const fresh = await openDatabase(join(dir, `empty-${i}.db`));
      migrationTimes.push(performance.now() - start);
      await fresh.close();
    }

    // 2. Years of data.
    const mdb = await openDatabase(join(dir, 'bench.db'));
    // Setup, not measured: a big page cache spares the random-UUID index inserts from thrashing the disk.
    mdb.sqlite.pragma('cache_size = -262144');
    let start = performance.now();
    const seeded = seedBenchmarkData(mdb.sqlite, { recordings: RECORDINGS, salesTarget: SALES, days: DAYS });
    const loadSeconds = (performance.now() - start) / 1000;
    start = performance.now();
    // What the app's close() does (PRAGMA optimize) after a day's work: gives the planner table statistics.
    mdb.sqlite.exec('ANALYZE');
    const analyzeMs = performance.now() - start;
    mdb.sqlite.pragma('cache_size = -2000'); // back to SQLite's default, so the timings are a kiosk's
    console.log(`Loaded in ${loadSeconds.toFixed(1)} s (ANALYZE ${analyzeMs.toFixed(0)} ms):`);
    for (const [table, n] of Object.entries(seeded.rows))
      console.log(`  ${table.padEnd(18)} ${n.toLocaleString('en')}`);

    // 3. The dashboard: latest 50 unsold with summary figures, through recording_summary.
    const page = { limit: 50, offset: 0 };
    const dashboard = await timeIt(200, () => unsoldRecordingsQuery(mdb.db, page).execute());
    const dashboardWithTotal = await timeIt(100, () => listUnsoldRecordings(mdb.db, page));
    const deepPage = await timeIt(50, () =>
      unsoldRecordingsQuery(mdb.db, { limit: 50, offset: 5000 }).execute(),
    );

    // 4. The 90-day sales report: KPIs, by day/week/bundle/staff/pilot/hour/weekday, availability and the
    // non-purchasers with their best offer, at UTC+2.
    const clock = { offsetAt: () => 120 };
    const today = new Date(Date.now() + 120 * 60_000).toISOString().slice(0, 10);
    const range = { from: addDays(today, -89), to: today };
    const report = await timeIt(50, () => salesReport(mdb.db, range, clock));
    const result = await salesReport(mdb.db, range, clock);
    const { bounds } = await readPeriod(mdb.db, range, clock);

    console.log('\nEXPLAIN QUERY PLAN, dashboard (recording_summary, sold = 0, latest first, LIMIT 50):');
    console.log(plan(mdb, unsoldRecordingsQuery(mdb.db, page)));
    console.log('\nEXPLAIN QUERY PLAN, 90-day sales report: the sales of the period (with their flight):');
    console.log(plan(mdb, salesInPeriodQuery(mdb.db, bounds)));
    console.log('\nEXPLAIN QUERY PLAN, 90-day sales report: the flights of the period:');
    console.log(plan(mdb, flightsInPeriodQuery(mdb.db, bounds)));
    console.log(
      `\n90-day report covers ${result.kpis.flights.toLocaleString('en')} flights and ${result.kpis.sales.toLocaleString('en')} completed sales over ${result.days} days, ${result.byStaff.length} staff members and ${result.nonPurchasers.total.toLocaleString('en')} non-purchasers.`,
    );

    const rowsOut: [string, number, number | null][] = [
      ['empty-database migration (median of 7)', median(migrationTimes), 200],
      ['dashboard: latest 50 unsold + summary (median of 200)', dashboard.median, 5],
      ['dashboard page + unsold total for the pager', dashboardWithTotal.median, null],
      ['dashboard page 101 (OFFSET 5000)', deepPage.median, null],
      ['90-day sales report, every figure (median of 50)', report.median, 250],
    ];
    console.log('\n| figure | measured (ms) | goal (ms) | |');
    console.log('| --- | ---: | ---: | --- |');
    for (const [name, measured, goal] of rowsOut) {
      const verdict = goal === null ? '' : measured <= goal ? 'ok' : 'OVER';
      console.log(`| ${name} | ${measured.toFixed(2)} | ${goal ?? '-'} | ${verdict} |`);
    }
    await mdb.close();
    const over = rowsOut.some(([, measured, goal]) => goal !== null && measured > goal);
    process.exitCode = over ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
