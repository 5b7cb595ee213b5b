// Which days the report covers: big preset buttons, and a calendar dialog for a range of the manager's own
// (tap the first day, then the last), built on the dashboard's month grid.
import { useState } from 'react';
import { REPORT_MAX_DAYS } from '../../shared/reports';
import { Dialog } from '../components/Dialog';
import { dayLabel } from '../calendar';
import { MonthCalendar } from '../components/MonthCalendar';
import { PRESET_LABELS, RANGE_PRESETS, type DayRange, type RangePreset } from './store';
import '../recordings/flights.css';
import { plural } from '../format';

const DAY_MS = 86_400_000;
const lengthOf = ({ from, to }: DayRange) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS) + 1;

interface RangeBarProps {
  preset: RangePreset | 'custom';
  range: DayRange;
  today: string;
  onPreset(preset: RangePreset): void;
  onRange(range: DayRange): void;
}

export function RangeBar({ preset, range, today, onPreset, onRange }: RangeBarProps) {
  const [picking, setPicking] = useState(false);
  return (
    <div className="range-bar" role="group" aria-label="Days of the report">
      {RANGE_PRESETS.map((name) => (
        <button
          key={name}
          type="button"
          className={preset === name ? 'button range-button selected' : 'button range-button'}
          aria-pressed={preset === name}
          onClick={() => onPreset(name)}
        >
          {PRESET_LABELS[name]}
        </button>
      ))}
      <button
        type="button"
        className={preset === 'custom' ? 'button range-button selected' : 'button range-button'}
        aria-pressed={preset === 'custom'}
        onClick={() => setPicking(true)}
      >
        Pick days…
      </button>
      {picking && (
        <RangePickerDialog
          today={today}
          initial={range}
          onPick={(picked) => {
            setPicking(false);
            onRange(picked);
          }}
          onClose={() => setPicking(false)}
        />
      )}
    </div>
  );
}

interface RangePickerProps {
  today: string;
  initial: DayRange;
  onPick(range: DayRange): void;
  onClose(): void;
}

function RangePickerDialog({ today, initial, onPick, onClose }: RangePickerProps) {
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const chosen = from ? { from, to: to ?? from } : null;
  const tooLong = chosen !== null && lengthOf(chosen) > REPORT_MAX_DAYS;
  const tap = (day: string) => {
    if (!from || to || day < from) {
      setFrom(day);
      setTo(null);
    } else setTo(day);
  };
  const prompt = !from
    ? 'Tap the first day.'
    : !to
      ? `From ${dayLabel(from, today)}. Tap the last day, or show this day alone.`
      : `${dayLabel(from, today)} to ${dayLabel(to, today)}: ${plural(lengthOf({ from, to }), 'day')}.`;
  return (
    <Dialog title="Report for these days" onClose={onClose}>
      <div className="day-picker">
        <p className="range-prompt" aria-live="polite">
          {prompt}
        </p>
        <MonthCalendar
          today={today}
          initialDay={initial.to}
          look={(day) => {
            const inRange = chosen !== null && day >= chosen.from && day <= chosen.to;
            const end = day === chosen?.from || day === chosen?.to;
            return {
              selected: inRange,
              className: end ? 'selected' : inRange ? 'in-range' : '',
              disabled: day > today,
            };
          }}
          onTap={tap}
        />
        {tooLong && (
          <p className="inline-error">
            A report covers at most {REPORT_MAX_DAYS} days. Pick a shorter range.
          </p>
        )}
        <div className="dialog-actions">
          <button
            type="button"
            className="button button-primary"
            disabled={!chosen || tooLong}
            onClick={() => chosen && onPick(chosen)}
          >
            Show report
          </button>
        </div>
      </div>
    </Dialog>
  );
}
