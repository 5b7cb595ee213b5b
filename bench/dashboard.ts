// npm run bench:dashboard: times the flights dashboard's list (recordings.list through listRecordings, what the
// handler runs) against 10,000 flights, for the default view and each filter, and shows SQLite's plans.
// Goal: every view of a page of 50, with its total, in <= 25 ms, so scrolling and filtering feel instant.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../db/open';
import type { Viewer } from '../src/main/access/rules';
import {
  calendarDayOf,
  listRecordings,
  recordingListQueries,
  type KioskClock,
  type RecordingListInput,
} from '../src/main/recordings/list';
import { plan, timeIt } from './measure';
import { seedBenchmarkData } from './seed-db';

const RECORDINGS = 10_000;
const SALES = 20_000;
const DAYS = 365;
const RUNS = 100;
const GOAL_MS = 25;

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'magnum-bench-dashboard-'));
  try {
    const mdb = await openDatabase(join(dir, 'bench.db'));
    mdb.sqlite.pragma('cache_size = -262144'); // setup only: spares the random-UUID inserts from thrashing
    let start = performance.now();
    const seeded = seedBenchmarkData(mdb.sqlite, { recordings: RECORDINGS, salesTarget: SALES, days: DAYS });
    const loadSeconds = (performance.now() - start) / 1000;
    start = performance.now();
    mdb.sqlite.exec('ANALYZE'); // what the app's PRAGMA optimize on close gives the planner
    const analyzeMs = performance.now() - start;
    mdb.sqlite.pragma('cache_size = -2000'); // SQLite's default again, so the timings are a kiosk's
    console.log(`Loaded in ${loadSeconds.toFixed(1)} s (ANALYZE ${analyzeMs.toFixed(0)} ms):`);
    for (const [table, n] of Object.entries(seeded.rows))
      console.log(`  ${table.padEnd(18)} ${n.toLocaleString('en')}`);

    const person = (name: string) =>
      (mdb.sqlite.prepare('SELECT id FROM users WHERE name = ?').get(name) as { id: string }).id;
    const admin: Viewer = { id: person('Crew 1'), role: 'admin' }; // the rules only look at the role for admins
    const crew: Viewer = { id: person('Crew 2'), role: 'crew' };
    const pilot: Viewer = { id: person('Pilot 1'), role: 'pilot' };

    // UTC+2 kiosk at a fixed "now", so today's flights are the seed's last day.
    const clock: KioskClock = { now: new Date(), utcOffsetMinutes: () => 120 };
    const today = calendarDayOf(clock.now, 120);
    const yesterday = calendarDayOf(new Date(clock.now.getTime() - 86_400_000), 120);
    const page = { limit: 50, offset: 0 };

    const views: Array<[string, Viewer, RecordingListInput]> = [
      ['default: today first, then newest (admin)', admin, page],
      ['default as crew (access rule)', crew, page],
      ['default as pilot (access rule)', pilot, page],
      ['page 101 of the default view (OFFSET 5000)', admin, { limit: 50, offset: 5000 }],
      ['day: today', admin, { ...page, day: today }],
      ['day: yesterday', admin, { ...page, day: yesterday }],
      ['pilot', admin, { ...page, pilotId: pilot.id }],
      ['staff member', admin, { ...page, staffMemberId: crew.id }],
      ['status: unsold', admin, { ...page, status: 'unsold' }],
      ['status: exported', admin, { ...page, status: 'exported' }],
      ['status: sold', admin, { ...page, status: 'sold' }],
      ['search "passenger 12" (substring)', admin, { ...page, search: 'passenger 12' }],
      ['search with no match', admin, { ...page, search: 'nobody by this name' }],
      ['all filters at once', admin, { ...page, pilotId: pilot.id, status: 'unsold', search: '7' }],
    ];

    const results: Array<[string, number, number, number]> = [];
    for (const [name, viewer, input] of views) {
      const timing = await timeIt(RUNS, () => listRecordings(mdb.db, viewer, input, clock));
      const { items, total } = await listRecordings(mdb.db, viewer, input, clock);
      results.push([name, timing.median, items.length, total]);
    }

    const queries = recordingListQueries(mdb.db, admin, page, clock);
    const firstPage = await listRecordings(mdb.db, admin, page, clock);
    console.log('\nEXPLAIN QUERY PLAN, default view step 1: the page of ids from flight_recordings');
    console.log(plan(mdb, queries.pageIds));
    console.log(
      '\nEXPLAIN QUERY PLAN, default view step 2: recording_summary + names + poster for those ids',
    );
    console.log(plan(mdb, queries.summary(firstPage.items.map((item) => item.id))));
    const dayQueries = recordingListQueries(mdb.db, admin, { ...page, day: today }, clock);
    console.log('\nEXPLAIN QUERY PLAN, day filter step 1:');
    console.log(plan(mdb, dayQueries.pageIds));

    console.log(`\nrecordings.list, page of 50 with its total, median of ${RUNS} (goal ${GOAL_MS} ms):\n`);
    console.log('| view | measured (ms) | rows | total | |');
    console.log('| --- | ---: | ---: | ---: | --- |');
    for (const [name, measured, rows, total] of results) {
      const verdict = measured <= GOAL_MS ? 'ok' : 'OVER';
      console.log(
        `| ${name} | ${measured.toFixed(2)} | ${rows} | ${total.toLocaleString('en')} | ${verdict} |`,
      );
    }
    await mdb.close();
    process.exitCode = results.some(([, measured]) => measured > GOAL_MS) ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
