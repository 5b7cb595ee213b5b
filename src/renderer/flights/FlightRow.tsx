// One flight on the dashboard: its poster, who flew and looked after it, how far it got, and what to do next.
import { useState } from 'react';
import type { RecordingListItem } from '../../shared/records';
import { navigate } from '../stores/route';
import { flightTimeLabel } from './calendar';

/** Poster URLs that failed once (the picture is not made yet): not asked for again while scrolling. */
const failedPosters = new Set<string>();

function Poster({ url }: { url: string | null }) {
  const [failed, setFailed] = useState(() => url !== null && failedPosters.has(url));
  if (!url || failed) {
    return (
      <div className="flight-poster flight-poster-empty" aria-hidden="true">
        <svg viewBox="0 0 48 32" width="56" height="38" focusable="false">
          <rect x="2" y="6" width="30" height="22" rx="4" fill="none" stroke="currentColor" strokeWidth="3" />
          <path d="M32 14 L45 7 V27 L32 20 Z" fill="none" stroke="currentColor" strokeWidth="3" />
        </svg>
      </div>
    );
  }
  return (
    <img
      className="flight-poster"
      src={url}
      alt=""
      loading="lazy"
      decoding="async"
      onError={() => {
        failedPosters.add(url);
        setFailed(true);
      }}
    />
  );
}

function exportChip(status: string): { label: string; className: string } | null {
  switch (status) {
    case 'completed':
      return { label: 'Exported', className: 'chip chip-exported' };
    case 'pending':
    case 'processing':
      return { label: 'Exporting', className: 'chip' };
    case 'failed':
      return { label: 'Export failed', className: 'chip chip-warn' };
    default:
      return null;
  }
}

function scenesLine(recorded: number, scenes: number): string {
  if (recorded === 0) return 'Not filmed yet';
  return recorded >= scenes ? `All ${scenes} scenes filmed` : `${recorded} of ${scenes} scenes filmed`;
}

interface FlightRowProps {
  flight: RecordingListItem;
  today: string;
  /** Ground crew (crew and managers) edit and film; pilots watch. */
  groundCrew: boolean;
}

export function FlightRow({ flight, today, groundCrew }: FlightRowProps) {
  const exported = exportChip(flight.exportStatus);
  const names = flight.passengerNames;
  return (
    <article className="flight-row" aria-label={names}>
      <Poster url={flight.posterUrl} />
      <div className="flight-main">
        <span className="flight-names">{names}</span>
        <span className="flight-status">
          <strong className="flight-time">{flightTimeLabel(flight.flightAt, today)}</strong>
          <span className={flight.sold ? 'chip chip-good' : 'chip chip-warn'}>
            {flight.sold ? 'Sold' : 'Not sold'}
          </span>
          {exported && <span className={exported.className}>{exported.label}</span>}
          <span className="flight-scenes">{scenesLine(flight.recordedSceneCount, flight.sceneCount)}</span>
        </span>
        <span className="flight-detail">
          Pilot {flight.pilotName ?? 'not set'} · Crew {flight.staffMemberName ?? 'not assigned'}
        </span>
      </div>
      <div className="flight-actions">
        <button
          type="button"
          className="button"
          aria-label={`Watch ${names}`}
          onClick={() => navigate('review', flight.id)}
        >
          Watch
        </button>
        {groundCrew && (
          <button
            type="button"
            className="button"
            aria-label={`Edit ${names}`}
            onClick={() => navigate('edit', flight.id)}
          >
            Edit
          </button>
        )}
        {groundCrew && (
          <button
            type="button"
            className="button"
            aria-label={`Film ${names}`}
            onClick={() => navigate('capture', flight.id)}
          >
            {flight.recordedSceneCount < flight.sceneCount ? 'Film' : 'Scenes'}
          </button>
        )}
      </div>
    </article>
  );
}
