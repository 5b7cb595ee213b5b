// The `reports` channels: the sales report and its CSV files, both over the kiosk's local calendar days.
import type { DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { reportCsv } from './csv';
import { localMinute } from './period';
import { saleLinesQuery } from './queries';
import { readPeriod, salesReport, type ReportClock } from './service';

export type ReportsHandlers = Pick<Handlers, 'reports.sales' | 'reports.csv'>;

export function reportsHandlers(data: DataAccess): ReportsHandlers {
  const clock: ReportClock = { offsetAt: (at) => data.utcOffsetMinutes(at) };
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
  };
}
