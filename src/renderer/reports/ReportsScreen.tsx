// Admin: the sales report over a range of days — headline figures, breakdowns, the flights nobody bought
// with what to offer them, and CSV files for a spreadsheet; or, when a central database is set, the figures of
// every airfield of the fleet.
import { useEffect } from 'react';
import type { ReportCsvKind } from '../../shared/reports';
import { ErrorPanel } from '../components/ErrorPanel';
import { Segmented } from '../components/Segmented';
import { dayLabel, localDayOf } from '../calendar';
import { FleetReport } from './FleetReport';
import { KpiTiles } from './KpiTiles';
import { NonPurchaserList } from './NonPurchaserList';
import { RangeBar } from './RangePicker';
import { ReportCharts } from './ReportCharts';
import { useReportsStore, type ReportScope } from './store';
import './reports.css';

const DOWNLOADS: Array<[ReportCsvKind, string]> = [
  ['sales', 'Every sale'],
  ['daily', 'Daily totals'],
  ['non_purchasers', 'Not bought'],
];

const SCOPES: Array<{ value: ReportScope; label: string }> = [
  { value: 'airfield', label: 'This airfield' },
  { value: 'fleet', label: 'All airfields' },
];

export function ReportsScreen() {
  const store = useReportsStore();
  const { report, fleetReport, range, preset, loading, error, downloading, downloadError } = store;
  const { scope, fleetAvailable } = store;
  const today = localDayOf(new Date());
  useEffect(() => {
    void useReportsStore.getState().reload();
    void useReportsStore.getState().checkFleet();
  }, []);
  const fleet = scope === 'fleet';
  const rangeText =
    range.from === range.to
      ? dayLabel(range.from, today)
      : `${dayLabel(range.from, today)} – ${dayLabel(range.to, today)}`;

  return (
    <div className="admin-screen reports">
      <div className="screen-heading">
        <h1>Sales report</h1>
        <p className="lead" aria-live="polite">
          {rangeText}
          {fleet && ' · all airfields, each on its own local days'}
          {loading && ' · updating…'}
        </p>
      </div>
      {fleetAvailable && (
        <Segmented
          label="Airfields in the report"
          options={SCOPES}
          value={scope}
          onChange={(picked) => void store.chooseScope(picked)}
        />
      )}
      <RangeBar
        preset={preset}
        range={range}
        today={today}
        onPreset={(name) => void store.choosePreset(name)}
        onRange={(picked) => void store.chooseRange(picked)}
      />
      {error && (
        <ErrorPanel
          title={fleet ? 'The report of all airfields could not be made' : 'The report could not be made'}
          error={error}
          onAction={() => void store.reload()}
        />
      )}
      {fleet && !fleetReport && loading && (
        <p className="lead">Reading every airfield from the central database…</p>
      )}
      {fleet && fleetReport && <FleetReport report={fleetReport} today={today} stale={loading} />}
      {!fleet && !report && loading && <p className="lead">Adding up the sales…</p>}
      {!fleet && report && (
        <div className={loading ? 'report stale' : 'report'} aria-busy={loading}>
          {report.otherCurrencies.length > 0 && (
            <p className="notice notice-warning">
              Sales recorded in another currency are left out of the money figures:{' '}
              {report.otherCurrencies.map((c) => `${c.sales} in ${c.currency}`).join(', ')}.
            </p>
          )}
          <KpiTiles report={report} />
          <ReportCharts report={report} today={today} />
          <section className="report-card" aria-label="Follow up">
            <h2>Follow up: not bought yet</h2>
            <p className="report-note">
              Flights of these days without a sale, newest first, with the best bundle they can have now.
            </p>
            <NonPurchaserList report={report} today={today} />
          </section>
          <section className="report-card" aria-label="Spreadsheet files">
            <h2>Spreadsheet files (CSV)</h2>
            <p className="report-note">For these days; amounts in {report.currency}.</p>
            <div className="downloads">
              {DOWNLOADS.map(([kind, label]) => (
                <button
                  key={kind}
                  type="button"
                  className="button"
                  disabled={downloading !== null}
                  onClick={() => void store.download(kind)}
                >
                  {downloading === kind ? 'Preparing…' : `Download CSV: ${label}`}
                </button>
              ))}
            </div>
            {downloadError && <ErrorPanel title="The file could not be made" error={downloadError} />}
          </section>
        </div>
      )}
    </div>
  );
}
