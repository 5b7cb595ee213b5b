// One month of big day buttons with "Earlier"/"Later": the dashboard's day picker and the reports' range picker
// both draw it, and say per day how it looks and what a tap does.
import { useState } from 'react';
import { addMonths, dayLabel, monthGrid, monthOf } from '../calendar';

const WEEKDAY_HEADINGS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export interface DayLook {
  selected: boolean;
  /** Extra class, e.g. `in-range` for the days between a range's ends. */
  className?: string;
  disabled?: boolean;
}

interface MonthCalendarProps {
  today: string;
  /** The day whose month shows first. */
  initialDay: string;
  look(day: string): DayLook;
  onTap(day: string): void;
}

export function MonthCalendar({ today, initialDay, look, onTap }: MonthCalendarProps) {
  const [month, setMonth] = useState(() => monthOf(initialDay));
  const grid = monthGrid(month);
  return (
    <>
      <div className="day-picker-month">
        <button
          type="button"
          className="button"
          aria-label="Previous month"
          onClick={() => setMonth(addMonths(month, -1))}
        >
          ◀ Earlier
        </button>
        <h3 aria-live="polite">{grid.title}</h3>
        <button
          type="button"
          className="button"
          aria-label="Next month"
          onClick={() => setMonth(addMonths(month, 1))}
        >
          Later ▶
        </button>
      </div>
      <div className="day-grid" role="grid" aria-label={grid.title}>
        <div role="row" className="day-grid-row">
          {WEEKDAY_HEADINGS.map((name) => (
            <span key={name} role="columnheader" className="day-grid-heading">
              {name}
            </span>
          ))}
        </div>
        {grid.weeks.map((week, w) => (
          <div role="row" key={w} className="day-grid-row">
            {week.map((day, d) => {
              if (!day) return <span key={`pad-${d}`} role="gridcell" className="day-cell day-pad" />;
              const { selected, className = '', disabled = false } = look(day);
              return (
                <button
                  key={day}
                  type="button"
                  role="gridcell"
                  aria-label={`${dayLabel(day, today)}, ${day}`}
                  aria-selected={selected}
                  disabled={disabled}
                  className={['day-cell', day === today ? 'day-today' : '', className].join(' ')}
                  onClick={() => onTap(day)}
                >
                  {Number(day.slice(8))}
                </button>
              );
            })}
          </div>
        ))}
      </div>
    </>
  );
}
