// The dashboard's two pickers, as big-target dialogs instead of tiny native controls: a month of days, and
// a list of people.
import type { PersonTile } from '../../shared/users';
import { Dialog } from '../components/Dialog';
import { MonthCalendar } from '../components/MonthCalendar';

interface DayPickerProps {
  today: string;
  selected: string | undefined;
  onPick(day: string): void;
  onClose(): void;
}

export function DayPickerDialog({ today, selected, onPick, onClose }: DayPickerProps) {
  return (
    <Dialog title="Show flights of one day" onClose={onClose}>
      <div className="day-picker">
        <MonthCalendar
          today={today}
          initialDay={selected ?? today}
          look={(day) => ({ selected: day === selected, className: day === selected ? 'selected' : '' })}
          onTap={onPick}
        />
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
