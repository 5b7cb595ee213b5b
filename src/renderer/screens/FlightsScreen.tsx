// Flights this person may see, newest first: main applies the access rules, this screen only shows them.
import { useEffect } from 'react';
import { ErrorPanel } from '../components/ErrorPanel';
import { formatDateTime } from '../format';
import { useFlightsStore } from '../stores/flights';
import { navigate } from '../stores/route';
import { useSessionStore } from '../stores/session';

export function FlightsScreen() {
  const { items, total, error, loading, load, loadMore } = useFlightsStore();
  const role = useSessionStore((state) => state.user?.role);
  const canFilm = role === 'admin' || role === 'crew';
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="admin-screen">
      <div className="screen-heading">
        <h1>Flights</h1>
        <p className="lead">{total.toLocaleString()} you can see</p>
        {canFilm && (
          <button
            type="button"
            className="button button-primary button-large"
            onClick={() => navigate('checkin')}
          >
            Check in a flight
          </button>
        )}
      </div>
      {error && <ErrorPanel title="Flights could not be loaded" error={error} onAction={() => void load()} />}
      {!error && !loading && items.length === 0 && <p className="lead">No flights to show yet.</p>}
      <ul className="list" aria-label="Flights">
        {items.map((flight) => (
          <li key={flight.id} className="list-row">
            <div className="list-main">
              <span className="list-title">{flight.passengerNames}</span>
              <span className="list-detail">
                Pilot {flight.pilotName ?? 'not set'} · Crew {flight.staffMemberName ?? 'not assigned'} ·{' '}
                {flight.recordedSceneCount}/{flight.sceneCount} scenes recorded
              </span>
            </div>
            <span className={flight.sold ? 'chip chip-good' : 'chip'}>
              {flight.sold ? 'Sold' : 'Not sold'}
            </span>
            <time className="list-time">{formatDateTime(flight.flightAt)}</time>
            <button
              type="button"
              className="button"
              aria-label={`Watch ${flight.passengerNames}`}
              onClick={() => navigate('review', flight.id)}
            >
              Watch
            </button>
            {canFilm && (
              <button
                type="button"
                className="button"
                aria-label={`Film ${flight.passengerNames}`}
                onClick={() => navigate('capture', flight.id)}
              >
                {flight.recordedSceneCount < flight.sceneCount ? 'Film' : 'Scenes'}
              </button>
            )}
          </li>
        ))}
      </ul>
      {items.length < total && (
        <button type="button" className="button" disabled={loading} onClick={() => void loadMore()}>
          Show more flights
        </button>
      )}
    </div>
  );
}
