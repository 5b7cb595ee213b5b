// The sales report screen: which days it covers (a preset or the manager's own range), the report main made
// for them, and the CSV files it hands to the browser's download.
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import type { ReportCsvKind, SalesReportView } from '../../shared/reports';
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

interface ReportsState {
  range: DayRange;
  preset: RangePreset | 'custom';
  report: SalesReportView | null;
  loading: boolean;
  error: AppError | null;
  /** The CSV being made, so its button can say so. */
  downloading: ReportCsvKind | null;
  downloadError: AppError | null;
  choosePreset(preset: RangePreset): Promise<void>;
  chooseRange(range: DayRange): Promise<void>;
  reload(): Promise<void>;
  download(kind: ReportCsvKind): Promise<void>;
}

// A tap on another preset while one report is still coming must not be overwritten by the older answer.
let latestRequest = 0;

export const useReportsStore = create<ReportsState>((set, get) => {
  const load = async (range: DayRange, preset: RangePreset | 'custom') => {
    const request = ++latestRequest;
    set({ range, preset, loading: true, error: null, downloadError: null });
    const result = await callMagnum((magnum) => magnum.reports.sales(range));
    if (request !== latestRequest) return;
    set(result.ok ? { report: result.value, loading: false } : { error: result.error, loading: false });
  };
  return {
    range: presetRange('last7', localDayOf(new Date())),
    preset: 'last7',
    report: null,
    loading: false,
    error: null,
    downloading: null,
    downloadError: null,
    choosePreset: (preset) => load(presetRange(preset, localDayOf(new Date())), preset),
    chooseRange: (range) => load(range, 'custom'),
    reload: () => {
      const { range, preset } = get();
      return load(preset === 'custom' ? range : presetRange(preset, localDayOf(new Date())), preset);
    },
    async download(kind) {
      set({ downloading: kind, downloadError: null });
      const result = await callMagnum((magnum) => magnum.reports.csv({ ...get().range, kind }));
      if (result.ok) saveTextFile(result.value.fileName, result.value.csv, 'text/csv;charset=utf-8');
      set({ downloading: null, downloadError: result.ok ? null : result.error });
    },
  };
});
