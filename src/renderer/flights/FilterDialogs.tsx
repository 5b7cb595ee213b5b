// The dashboard's two pickers, as big-target dialogs instead of tiny native controls: a month of days, and
// a list of people.
import { useState } from 'react';
import type { PersonTile } from '../../shared/people';
import { Dialog } from '../components/Dialog';
import { addMonths, dayLabel, monthGrid, monthOf } from './calendar';

const WEEKDAY_HEADINGS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

interface DayPickerProps {
  today: string;
  selected: string | undefined;
  onPick(day: string): void;
  onClose(): void;
}

export function DayPickerDialog({ today, selected, onPick, onClose }: DayPickerProps) {
  const [month, setMonth] = useState(() => monthOf(selected ?? today));
  const grid = monthGrid(month);
  return (
    <Dialog title="Show flights of one day" onClose={onClose}>
      <div className="day-picker">
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
              {week.map((day, d) =>
                day ? (
                  <button
                    key={day}
                    type="button"
                    role="gridcell"
                    aria-label={`${dayLabel(day, today)}, ${day}`}
                    aria-selected={day === selected}
                    className={[
                      'day-cell',
                      day === today ? 'day-today' : '',
                      day === selected ? 'selected' : '',
                    ].join(' ')}
                    onClick={() => onPick(day)}
                  >
                    {Number(day.slice(8))}
                  </button>
                ) : (
                  <span key={`pad-${d}`} role="gridcell" className="day-cell day-pad" />
                ),
              )}
            </div>
          ))}
        </div>
      </div>
    </Dialog>
  );
}

interface PersonPickerProps {
  title: string;
  anyoneLabel: string;
  people: PersonTile[];
  selected: string | undefined;
  onPick(id: string | undefined): void;
  onClose(): void;
}

export function PersonPickerDialog({
  title,
  anyoneLabel,
  people,
  selected,
  onPick,
  onClose,
}: PersonPickerProps) {
  return (
    <Dialog title={title} onClose={onClose}>
      <div className="people-grid person-picker">
        <button
          type="button"
          className={selected === undefined ? 'person-tile selected' : 'person-tile'}
          aria-pressed={selected === undefined}
          onClick={() => onPick(undefined)}
        >
          <span className="person-name">{anyoneLabel}</span>
        </button>
        {people.map((person) => (
          <button
            key={person.id}
            type="button"
            className={selected === person.id ? 'person-tile selected' : 'person-tile'}
            aria-pressed={selected === person.id}
            onClick={() => onPick(person.id)}
          >
            <span className="person-name">{person.name}</span>
          </button>
        ))}
        {people.length === 0 && (
          <p className="lead">Nobody to choose yet: a manager adds people under People.</p>
        )}
      </div>
    </Dialog>
  );
}
