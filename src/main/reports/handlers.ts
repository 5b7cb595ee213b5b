// The `reports` channels: the sales report and its CSV files, both over the kiosk's local calendar days; and the
// report of every airfield of the fleet, read from the central database that `centralFor` gives (the kiosk's
// fleet settings, wired by the host), which says in plain words when none is set or it cannot be reached.
import type { DataAccess } from '../data-access';
import { AppFailure } from '../errors';
import { CentralDatabaseError } from '../fleet/central/connect';
import { readFleetReport, type CentralFor } from '../fleet/report/service';
import type { Handlers } from '../ipc/dispatch';
import { reportCsv } from './csv';
import { localMinute } from './period';
import { saleLinesQuery } from './queries';
import { readPeriod, salesReport, type ReportClock } from './service';

export type ReportsHandlers = Pick<
  Handlers,
  'reports.sales' | 'reports.csv' | 'reports.fleetStatus' | 'reports.fleet'
>;

export const NO_CENTRAL_DATABASE =
  'This kiosk has no central database set, so it cannot show all airfields. An admin can set its address in ' +
  'Settings (Central database); until then the report shows this airfield.';

export function reportsHandlers(data: DataAccess, centralFor?: CentralFor): ReportsHandlers {
  const clock: ReportClock = { offsetAt: (at) => data.utcOffsetMinutes(at) };
  const central = async () => (centralFor ? await centralFor() : null);
  return {
    'reports.sales': (range) => salesReport(data.db(), range, clock),
    'reports.csv': async ({ kind, ...range }) => {
      const db = data.db();
      const period = await readPeriod(db, range, clock);
      return reportCsv(kind, range, {
        period,
        saleLines: () => saleLinesQuery(db, period.bounds).execute(),
        localMinute: (iso) => localMinute(iso, clock.offsetAt),
      });
    },
    'reports.fleetStatus': async () => ({ available: (await central()) !== null }),
    'reports.fleet': async (range, context) => {
      const source = await central();
      if (!source) throw new AppFailure('UNAVAILABLE', NO_CENTRAL_DATABASE);
      try {
        return await readFleetReport(source, { userId: context.user.id, role: context.user.role }, range);
      } catch (error) {
        // Already in plain words and without the password (explainCentralError): the screen shows it as is.
        if (error instanceof CentralDatabaseError) throw new AppFailure('UNAVAILABLE', error.message);
        throw error;
      }
    },
  };
}
