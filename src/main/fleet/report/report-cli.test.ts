// npm run fleet:report, the real script run through tsx against a real central PostgreSQL filled from two real
// kiosks (test-support.ts): its CSV has each kiosk's own figures and their totals per currency, it reads as the
// admin named, and it says what went wrong in plain words without ever printing the password.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SalesReportView } from '../../../shared/reports';
import { currencyUnits } from '../../reports/csv';
import { salesReport } from '../../reports/service';
import { FLEET_CSV_HEADER } from './csv';
import { APP_PASSWORD, RANGE, startTestFleet, type TestFleet } from './test-support';
import { offsetInZone } from './time-zone';

let fleet: TestFleet;
const own = new Map<string, SalesReportView>();

beforeAll(async () => {
  fleet = await startTestFleet();
  for (const kiosk of fleet.kiosks) {
    own.set(
      kiosk.stationId,
      await salesReport(kiosk.database.db, RANGE, { offsetAt: offsetInZone(kiosk.timeZone) }),
    );
  }
});

afterAll(async () => {
  await fleet?.close();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runReport(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn('node_modules/.bin/tsx', ['src/main/fleet/report/report-cli.ts', ...args], {
      env: { ...process.env, PGPASSWORD: '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const range = ['--from', RANGE.from, '--to', RANGE.to];

/** The CSV's rows as objects by header (the report's cells have no commas or quotes). */
function parse(csv: string): Array<Record<string, string>> {
  const [header, ...lines] = csv.trimEnd().split('\r\n');
  const names = (header ?? '').split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((cell, i) => [names[i], cell])));
}

describe('npm run fleet:report', () => {
  it('prints each kiosk’s own figures and their totals per currency as CSV', async () => {
    const run = await runReport(['--database', fleet.appUrl, ...range, '--user', 'ada meier']);
    expect(run.stderr).toContain('read as Ada Meier, admin at Zurich hangar');
    expect(run.code).toBe(0);
    expect(run.stdout.split('\r\n')[0]).toBe(FLEET_CSV_HEADER.join(','));
    const rows = parse(run.stdout);
    const row = (airfield: string, currency: string) =>
      rows.find((r) => r.Airfield === airfield && r.Currency === currency);

    for (const kiosk of fleet.kiosks) {
      const report = own.get(kiosk.stationId) as SalesReportView;
      const { kpis } = report;
      expect(row(kiosk.name, report.currency)).toEqual({
        Airfield: kiosk.name,
        Station: kiosk.stationId,
        Currency: report.currency,
        Flights: String(kpis.flights),
        'Flights sold': String(kpis.flightsSold),
        'Conversion %': kpis.conversion === null ? '' : String(Math.round(kpis.conversion * 1000) / 10),
        Sales: String(kpis.sales),
        Revenue: currencyUnits(kpis.revenueCents),
        Voided: String(kpis.voided.count),
        Refunded: String(kpis.refunded.count),
      });
      for (const other of report.otherCurrencies) {
        expect(row(kiosk.name, other.currency)).toMatchObject({
          Flights: '',
          Sales: String(other.sales),
          Revenue: currencyUnits(other.revenueCents),
        });
      }
    }
    // Zurich's USD sale is a row of its own and counts in the USD total, never in CHF.
    expect(row('Zurich hangar', 'USD')).toMatchObject({ Sales: '1', Revenue: '25.00' });
    expect(row('All airfields', 'CHF')).toMatchObject({ Flights: '4', Sales: '2', Revenue: '70.00' });
    expect(row('All airfields', 'USD')).toMatchObject({ Flights: '3', Sales: '3', Revenue: '95.00' });
    // Each total row adds up the rows above in its currency.
    for (const currency of ['CHF', 'USD']) {
      const parts = rows.filter((r) => r.Airfield !== 'All airfields' && r.Currency === currency);
      const cents = parts.reduce((sum, r) => sum + Math.round(Number(r.Revenue) * 100), 0);
      expect(currencyUnits(cents)).toBe(row('All airfields', currency)?.Revenue);
    }
    expect(rows).toHaveLength(3 + 1 + 2); // three airfields, Zurich's USD, two totals
  });

  it('reads as the admin given by id, and takes the password from PGPASSWORD', async () => {
    const lee = fleet.kiosks[1]?.people.lee ?? '';
    const url = new URL(fleet.appUrl);
    url.password = '';
    const run = await runReport(['--database', url.toString(), ...range, '--user', lee], {
      PGPASSWORD: APP_PASSWORD,
    });
    expect(run.stderr).toContain('read as Lee Park, admin at Denver Rocky Mountain');
    expect(run.code).toBe(0);
  });

  it('asks which admin when the fleet has several and none is named', async () => {
    const run = await runReport(['--database', fleet.appUrl, ...range]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'Say which admin reads the report: --user NAME. Admins of the fleet: Lee Park (Denver Rocky Mountain), ' +
        'Ada Meier (Zurich hangar).',
    );
    expect(run.stdout).toBe('');
  });

  it('refuses a name that is not an admin’s', async () => {
    const run = await runReport(['--database', fleet.appUrl, ...range, '--user', 'Maya Lindqvist']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No active admin of the fleet is called "Maya Lindqvist"');
  });

  it('says the password was wrong without printing it', async () => {
    const url = new URL(fleet.appUrl);
    url.password = 'a-wrong-password-9';
    const run = await runReport(['--database', url.toString(), ...range, '--user', 'Ada Meier']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^fleet:report: The central database refused the sign-in \(database fleet/);
    expect(run.stderr + run.stdout).not.toContain('a-wrong-password-9');
  });

  it('refuses bad days in plain words, before connecting', async () => {
    const run = await runReport(['--database', fleet.appUrl, '--from', '2025-11-31', '--to', '2025-12-01']);
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toContain('--from: That day is not on the calendar.');
    const missing = await runReport(['--database', fleet.appUrl, '--from', RANGE.from]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('missing --to YYYY-MM-DD');
    expect(missing.stderr).not.toContain(APP_PASSWORD);
  });
});
