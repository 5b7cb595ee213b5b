// The dashboard's filter bar: day, status, pilot, crew member and a passenger search, all big buttons.
import { useState } from 'react';
import type { Roster } from '../../shared/users';
import type { FlightFilter, FlightStatusFilter } from '../../shared/recordings';
import { TextField } from '../components/TextField';
import { addDays, dayLabel } from '../calendar';
import { DayPickerDialog, PersonPickerDialog } from './FilterDialogs';

const STATUSES: Array<{ value: FlightStatusFilter | undefined; label: string }> = [
  { value: undefined, label: 'Any status' },
  { value: 'unsold', label: 'Not sold' },
  { value: 'exported', label: 'Exported' },
  { value: 'sold', label: 'Sold' },
];

interface FlightFiltersProps {
  filter: FlightFilter;
  today: string;
  /** Ground crew filter by pilot and crew member; a pilot sees only their own flights anyway. */
  groundCrew: boolean;
  roster: Roster | null;
  searchText: string;
  onSearchText(text: string): void;
  onChange(change: Partial<FlightFilter>): void;
  onClear(): void;
}

const segment = (selected: boolean) => (selected ? 'segment selected' : 'segment');

export function FlightFilters({
  filter,
  today,
  groundCrew,
  roster,
  searchText,
  onSearchText,
  onChange,
  onClear,
}: FlightFiltersProps) {
  const [picking, setPicking] = useState<'day' | 'pilot' | 'crew' | null>(null);
  const yesterday = addDays(today, -1);
  const pickedOtherDay = filter.day !== undefined && filter.day !== today && filter.day !== yesterday;
  const nameOf = (people: Roster['pilots'] | undefined, id: string | undefined) =>
    id ? (people?.find((person) => person.id === id)?.name ?? 'someone') : 'Anyone';
  const anyFilter = Object.keys(filter).length > 0 || searchText.trim() !== '';

  return (
    <section className="flight-filters" aria-label="Filters">
      <div className="flight-filter-row">
        <div className="segmented" role="group" aria-label="Day">
          {[
            { day: today, label: 'Today' },
            { day: yesterday, label: 'Yesterday' },
            { day: undefined, label: 'All days' },
          ].map(({ day, label }) => (
            <button
              key={label}
              type="button"
              className={segment(filter.day === day)}
              aria-pressed={filter.day === day}
              onClick={() => onChange({ day })}
            >
              {label}
            </button>
          ))}
          <button
            type="button"
            className={segment(pickedOtherDay)}
            aria-pressed={pickedOtherDay}
            onClick={() => setPicking('day')}
          >
            {pickedOtherDay && filter.day ? dayLabel(filter.day, today) : 'Pick a day…'}
          </button>
        </div>
        <div className="segmented" role="group" aria-label="Status">
          {STATUSES.map(({ value, label }) => (
            <button
              key={label}
              type="button"
              className={segment(filter.status === value)}
              aria-pressed={filter.status === value}
              onClick={() => onChange({ status: value })}
            >
              {label}
            </button>
          ))}
        </div>
      </div>
      <div className="flight-filter-row">
        <div className="flight-search">
          <TextField
            label="Passenger"
            value={searchText}
            onChange={onSearchText}
            maxLength={100}
            placeholder="Search by name"
          />
        </div>
        {groundCrew && (
          <button
            type="button"
            className={filter.pilotId ? 'button filter-button filter-on' : 'button filter-button'}
            onClick={() => setPicking('pilot')}
          >
            Pilot: {nameOf(roster?.pilots, filter.pilotId)}
          </button>
        )}
        {groundCrew && (
          <button
            type="button"
            className={filter.staffMemberId ? 'button filter-button filter-on' : 'button filter-button'}
            onClick={() => setPicking('crew')}
          >
            Crew: {nameOf(roster?.staff, filter.staffMemberId)}
          </button>
        )}
        {anyFilter && (
          <button type="button" className="button filter-clear" onClick={onClear}>
            Clear filters
          </button>
        )}
      </div>
      {picking === 'day' && (
        <DayPickerDialog
          today={today}
          selected={filter.day}
          onPick={(day) => {
            setPicking(null);
            onChange({ day });
          }}
          onClose={() => setPicking(null)}
        />
      )}
      {picking === 'pilot' && (
        <PersonPickerDialog
          title="Show flights of one pilot"
          anyoneLabel="Any pilot"
          people={roster?.pilots ?? []}
          selected={filter.pilotId}
          onPick={(pilotId) => {
            setPicking(null);
            onChange({ pilotId });
          }}
          onClose={() => setPicking(null)}
        />
      )}
      {picking === 'crew' && (
        <PersonPickerDialog
          title="Show flights of one crew member"
          anyoneLabel="Any crew member"
          people={roster?.staff ?? []}
          selected={filter.staffMemberId}
          onPick={(staffMemberId) => {
            setPicking(null);
            onChange({ staffMemberId });
          }}
          onClose={() => setPicking(null)}
        />
      )}
    </section>
  );
}
