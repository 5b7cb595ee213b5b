// The sales report screen: which days it covers (a preset or the manager's own range), whether it shows this
// airfield or all airfields of the fleet (when a central database is set), the report main made for them, and
// the CSV files it hands to the browser's download.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { FleetReportView, ReportCsvKind, SalesReportView } from '../../shared/reports';
import { addDays, localDayOf } from '../calendar';
import { saveTextFile } from './download';
import { callMagnum } from '../shell/call';

export const RANGE_PRESETS = ['today', 'last7', 'last30', 'month', 'last90'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];

export const PRESET_LABELS: Record<RangePreset, string> = {
  today: 'Today',
  last7: 'Last 7 days',
  last30: 'Last 30 days',
  month: 'This month',
  last90: 'Last 90 days',
};

export interface DayRange {
  from: string;
  to: string;
}

/** The days a preset covers, ending today on this screen's clock (the kiosk's). */
export function presetRange(preset: RangePreset, today: string): DayRange {
  switch (preset) {
    case 'today':
      return { from: today, to: today };
    case 'last7':
      return { from: addDays(today, -6), to: today };
    case 'last30':
      return { from: addDays(today, -29), to: today };
    case 'month':
      return { from: `${today.slice(0, 7)}-01`, to: today };
    case 'last90':
      return { from: addDays(today, -89), to: today };
  }
}

/** This kiosk's own report, or every airfield's from the central database. */
export type ReportScope = 'airfield' | 'fleet';

interface ReportsState {
  range: DayRange;
  preset: RangePreset | 'custom';
  scope: ReportScope;
  /** A central database is set, so the manager may pick all airfields. */
  fleetAvailable: boolean;
  report: SalesReportView | null;
  fleetReport: FleetReportView | null;
  loading: boolean;
  error: AppError | null;
  /** The CSV being made, so its button can say so. */
  downloading: ReportCsvKind | null;
  downloadError: AppError | null;
  choosePreset(preset: RangePreset): Promise<void>;
  chooseRange(range: DayRange): Promise<void>;
  chooseScope(scope: ReportScope): Promise<void>;
  /** Asks main whether all airfields can be shown (on opening the screen). */
  checkFleet(): Promise<void>;
  reload(): Promise<void>;
  download(kind: ReportCsvKind): Promise<void>;
}

// A tap on another preset while one report is still coming must not be overwritten by the older answer.
let latestRequest = 0;

export const useReportsStore = create<ReportsState>((set, get) => {
  const load = async (range: DayRange, preset: RangePreset | 'custom') => {
    const request = ++latestRequest;
    set({ range, preset, loading: true, error: null, downloadError: null });
    if (get().scope === 'fleet') {
      const result = await callMagnum((magnum) => magnum.reports.fleet(range));
      if (request !== latestRequest) return;
      set(
        result.ok ? { fleetReport: result.value, loading: false } : { error: result.error, loading: false },
      );
      return;
    }
    const result = await callMagnum((magnum) => magnum.reports.sales(range));
    if (request !== latestRequest) return;
    set(result.ok ? { report: result.value, loading: false } : { error: result.error, loading: false });
  };
  const reload = () => {
    const { range, preset } = get();
    return load(preset === 'custom' ? range : presetRange(preset, localDayOf(new Date())), preset);
  };
  return {
    range: presetRange('last7', localDayOf(new Date())),
    preset: 'last7',
    scope: 'airfield',
    fleetAvailable: false,
    report: null,
    fleetReport: null,
    loading: false,
    error: null,
    downloading: null,
    downloadError: null,
    choosePreset: (preset) => load(presetRange(preset, localDayOf(new Date())), preset),
    chooseRange: (range) => load(range, 'custom'),
    async chooseScope(scope) {
      if (scope === get().scope) return;
      set({ scope });
      await reload();
    },
    async checkFleet() {
      const result = await callMagnum((magnum) => magnum.reports.fleetStatus({}));
      const available = result.ok && result.value.available;
      set({ fleetAvailable: available });
      // The central database was taken away since the screen last showed all airfields.
      if (!available && get().scope === 'fleet') {
        set({ scope: 'airfield' });
        await reload();
      }
    },
    reload,
    async download(kind) {
      set({ downloading: kind, downloadError: null });
      const result = await callMagnum((magnum) => magnum.reports.csv({ ...get().range, kind }));
      if (result.ok) saveTextFile(result.value.fileName, result.value.csv, 'text/csv;charset=utf-8');
      set({ downloading: null, downloadError: result.ok ? null : result.error });
    },
  };
});
