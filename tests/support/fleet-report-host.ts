// A kiosk host with a central database, for e2e/fleet-report.spec.ts: the main services and the browser host
// (the built renderer) in one process, given a private PostgreSQL filled from two real kiosks
// (src/main/fleet/report/test-support.ts, moved so the story's last day is yesterday). A process of its own, run
// through tsx, because the spec's DOM-typed build cannot compile the main services.
//
// Prints one JSON line when ready ({ url, appPassword }), then answers one JSON line per command on stdin:
//   { "central": "set" | "none" | "unreachable" }   what centralFor gives from now on     → { "ok": true }
//   { "ownReports": { "from": …, "to": … } }         each kiosk's own report of those days → { name: report }
// Closes everything when stdin ends.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pino } from 'pino';
import { startMainApp } from '../../src/main/app';
import { openCentral } from '../../src/main/fleet/central/connect';
import type { FleetCentral } from '../../src/main/fleet/report/service';
import { startTestFleet } from '../../src/main/fleet/report/test-support';
import { offsetInZone } from '../../src/main/fleet/report/time-zone';
import { startKioskServer } from '../../src/main/kiosk/server';
import { salesReport } from '../../src/main/reports/service';
import type { ReportRangeInput, SalesReportView } from '../../src/shared/reports';

const DAY_MS = 86_400_000;
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const yesterday = dayOf(Date.now() - DAY_MS);
const fleet = await startTestFleet({
  shiftDays: Math.round((Date.parse(yesterday) - Date.parse('2025-11-04')) / DAY_MS),
});
const gone = new URL(fleet.appUrl);
gone.port = '1'; // nothing listens there
const unreachable: FleetCentral = {
  db: openCentral(gone.toString(), { connectTimeoutMs: 2_000 }),
  url: gone.toString(),
};
let central: 'set' | 'none' | 'unreachable' = 'set';

const dataDir = mkdtempSync(path.join(tmpdir(), 'magnum-fleet-e2e-'));
const app = await startMainApp({
  dataDir,
  host: 'browser',
  centralFor: async () =>
    central === 'set'
      ? { db: fleet.central, url: fleet.appUrl }
      : central === 'unreachable'
        ? unreachable
        : null,
});
const server = await startKioskServer({
  host: '127.0.0.1',
  port: 0,
  rendererDir: path.resolve('dist/renderer'),
  dispatch: app.dispatch,
  events: app.feed,
  audience: app.audience,
  logger: pino({ level: 'silent' }),
});
console.log(JSON.stringify({ url: server.url, appPassword: new URL(fleet.appUrl).password }));

async function answer(command: {
  central?: typeof central;
  ownReports?: ReportRangeInput;
}): Promise<unknown> {
  if (command.central) {
    central = command.central;
    return { ok: true };
  }
  if (command.ownReports) {
    const reports: Record<string, SalesReportView> = {};
    for (const kiosk of fleet.kiosks) {
      reports[kiosk.name] = await salesReport(kiosk.database.db, command.ownReports, {
        offsetAt: offsetInZone(kiosk.timeZone),
      });
    }
    return reports;
  }
  return { error: 'unknown command' };
}

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  console.log(JSON.stringify(await answer(JSON.parse(line) as Parameters<typeof answer>[0])));
}
await server.close();
await app.close();
await unreachable.db.destroy();
await fleet.close();
rmSync(dataDir, { recursive: true, force: true });
