// The flights dashboard: flights this person may see (main applies the access rules), today's first, narrowed
// by day, status, pilot, crew member and passenger name, in a list that stays smooth with thousands of rows.
import { useCallback, useEffect, useState } from 'react';
import type { FlightFilter } from '../../shared/recordings';
import { ErrorPanel } from '../components/ErrorPanel';
import { VirtualList } from './VirtualList';
import { localDayOf } from '../calendar';
import { FlightFilters } from './FlightFilters';
import { FlightRow } from './FlightRow';
import { useExportsStore } from '../exports/store';
import { changeFlightFilter, useFlightRosterStore, useFlightsStore } from './store';
import { navigate } from '../shell/route';
import { useSessionStore } from '../auth/session';
import './flights.css';
import { plural } from '../format';

/**
 * Row height with its gap, px: a poster, three lines and the buttons, which go two by two on a 1280 px screen
 * (flights.css) so the names, status and crew beside them are not cut.
 */
const ROW_HEIGHT = 140;
const SEARCH_DELAY_MS = 300;

function EmptyState({
  filter,
  today,
  groundCrew,
  onClear,
}: {
  filter: FlightFilter;
  today: string;
  groundCrew: boolean;
  onClear(): void;
}) {
  // The heading's "Check in a flight" stays in view, so the empty list only says what to do.
  const filters = Object.keys(filter);
  if (filters.length === 0) {
    return (
      <div className="flights-empty">
        <p className="lead">
          {groundCrew
            ? 'No flights yet. Tap “Check in a flight” to start filming.'
            : 'No flights of yours yet. They show up here once the ground crew check them in.'}
        </p>
      </div>
    );
  }
  const onlyToday = filters.length === 1 && filter.day === today;
  return (
    <div className="flights-empty">
      <p className="lead">
        {onlyToday
          ? 'No flights checked in for today yet.'
          : filter.search
            ? `No flight matches these filters with a passenger called “${filter.search}”.`
            : 'No flights match these filters.'}
      </p>
      <div className="flights-empty-actions">
        <button type="button" className="button" onClick={onClear}>
          {onlyToday ? 'Show all days' : 'Clear filters'}
        </button>
      </div>
    </div>
  );
}

export function FlightsScreen() {
  const { items, total, filter, lastPage, error, loading, load, loadMore } = useFlightsStore();
  const { roster, error: rosterError, load: loadRoster } = useFlightRosterStore();
  const role = useSessionStore((state) => state.user?.role);
  const groundCrew = role === 'admin' || role === 'crew';
  // The kiosk's today once main has said it; this screen's clock until then.
  const today = lastPage?.today ?? localDayOf(new Date());
  const [searchText, setSearchText] = useState(filter.search ?? '');

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (groundCrew) void loadRoster();
  }, [groundCrew, loadRoster]);
  // Videos being made (and just made), so their rows show progress; events keep them current.
  const loadExports = useExportsStore((state) => state.load);
  const exportError = useExportsStore((state) => state.error);
  const clearExportError = useExportsStore((state) => state.clearError);
  useEffect(() => {
    if (groundCrew) void loadExports();
  }, [groundCrew, loadExports]);

  // Search once the typing pauses, not on every key.
  useEffect(() => {
    const search = searchText.trim();
    if (search === (filter.search ?? '')) return;
    const timer = setTimeout(() => void changeFlightFilter({ search: search || undefined }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [searchText, filter.search]);

  const clear = useCallback(() => {
    setSearchText('');
    void load({});
  }, [load]);
  const onNearEnd = useCallback(() => void loadMore(), [loadMore]);
  const filtered = Object.keys(filter).length > 0;
  const firstLoad = loading && items.length === 0;

  return (
    <div className="admin-screen flights-screen">
      <div className="screen-heading">
        <div className="flights-title">
          <h1>Flights</h1>
          <p className="lead" role="status" aria-live="polite">
            {firstLoad
              ? 'Loading flights…'
              : `${plural(total, 'flight')}${filtered ? (total === 1 ? ' matches' : ' match') : ''}` +
                (filter.day ? '' : ' · today’s first')}
          </p>
        </div>
        {groundCrew && (
          <button
            type="button"
            className="button button-primary button-large"
            onClick={() => navigate('checkin')}
          >
            Check in a flight
          </button>
        )}
      </div>
      <FlightFilters
        filter={filter}
        today={today}
        groundCrew={groundCrew}
        roster={roster}
        searchText={searchText}
        onSearchText={setSearchText}
        onChange={(change) => void changeFlightFilter(change)}
        onClear={clear}
      />
      {rosterError && (
        <ErrorPanel
          title="The pilot and crew filters could not be loaded"
          error={rosterError}
          onAction={() => void loadRoster()}
        />
      )}
      {error && <ErrorPanel title="Flights could not be loaded" error={error} onAction={() => void load()} />}
      {exportError && (
        <ErrorPanel
          title="The video could not be started"
          error={exportError}
          actionLabel="OK"
          onAction={clearExportError}
        />
      )}
      {!error && !loading && items.length === 0 && (
        <EmptyState filter={filter} today={today} groundCrew={groundCrew} onClear={clear} />
      )}
      {items.length > 0 && (
        <VirtualList
          items={items}
          total={total}
          rowHeight={ROW_HEIGHT}
          label="Flights"
          resetKey={JSON.stringify(filter)}
          getKey={(flight) => flight.id}
          renderRow={(flight) => <FlightRow flight={flight} today={today} groundCrew={groundCrew} />}
          onNearEnd={onNearEnd}
          footer={
            loading ? (
              <p className="flights-more" role="status">
                Loading flights…
              </p>
            ) : null
          }
        />
      )}
    </div>
  );
}
