// One flight on the dashboard: its poster, who flew and looked after it, how far it got, and what to do next.
import { useState } from 'react';
import type { ExportJobView } from '../../shared/exports';
import type { RecordingListItem } from '../../shared/recordings';
import { ProgressBar } from '../components/ProgressBar';
import { currentJob, etaLabel, useExportsStore } from '../exports/store';
import { navigate } from '../shell/route';
import { flightTimeLabel } from '../calendar';
import { FilmingChip } from '../capture/RecBar';
import { useTakeInProgress } from '../capture/scenes';

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

/** The flight's export state: the video job this screen follows when there is one, else what the list said. */
function exportState(listed: string, job: ExportJobView | null): string {
  if (!job) return listed;
  if (job.status === 'cancelled') return listed === 'completed' ? 'completed' : 'not_exported';
  return job.status;
}

function exportChip(status: string): { label: string; className: string } | null {
  switch (status) {
    case 'completed':
      return { label: 'Exported', className: 'chip chip-exported' };
    case 'pending':
      return { label: 'Video waiting', className: 'chip' };
    case 'processing':
      return { label: 'Making video', className: 'chip' };
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
  const job = useExportsStore((state) => currentJob(state.jobs, flight.id, 'video'));
  const queueing = useExportsStore((state) => state.busy[`new:${flight.id}:video`] ?? false);
  const queue = useExportsStore((state) => state.queue);
  const status = exportState(flight.exportStatus, job);
  const exported = exportChip(status);
  const making = status === 'pending' || status === 'processing';
  const names = flight.passengerNames;
  // A take on this screen is known before the list is read again; one on another screen, from the list.
  const take = useTakeInProgress();
  const filmedHere = take?.recordingId === flight.id ? take : null;
  const filming = filmedHere !== null || flight.filmingScene !== null;
  const allFilmed = flight.recordedSceneCount >= flight.sceneCount && flight.sceneCount > 0;
  const poster =
    (job?.status === 'completed' ? job.posterUrl : null) ?? flight.videoPosterUrl ?? flight.posterUrl;
  return (
    <article className="flight-row" aria-label={names}>
      <Poster url={poster} />
      <div className="flight-main">
        <span className="flight-names">{names}</span>
        <span className="flight-status">
          <strong className="flight-time">{flightTimeLabel(flight.flightAt, today)}</strong>
          <span className={flight.sold ? 'chip chip-good' : 'chip chip-warn'}>
            {flight.sold ? 'Sold' : 'Not sold'}
          </span>
          {exported && <span className={exported.className}>{exported.label}</span>}
          {filming ? (
            <FilmingChip />
          ) : (
            <span className="flight-scenes">{scenesLine(flight.recordedSceneCount, flight.sceneCount)}</span>
          )}
        </span>
        {making && job ? (
          <span className="flight-export-progress">
            <ProgressBar label={`Video of ${names}`} value={job.progress} />
            <span className="flight-export-eta">
              {job.status === 'pending' ? 'Waiting its turn' : etaLabel(job.etaSeconds)}
            </span>
          </span>
        ) : (
          <span className="flight-detail">
            Pilot {flight.pilotName ?? 'not set'} · Crew {flight.staffMemberName ?? 'not assigned'}
          </span>
        )}
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
        {groundCrew && allFilmed && status !== 'completed' && !making && (
          <button
            type="button"
            className="button button-primary"
            aria-label={`Make the video of ${names}`}
            disabled={queueing}
            onClick={() => void queue(flight.id, 'video')}
          >
            Make video
          </button>
        )}
        {groundCrew && status === 'completed' && !flight.sold && (
          <button
            type="button"
            className="button button-primary"
            aria-label={`Sell ${names}`}
            onClick={() => navigate('checkout', flight.id)}
          >
            Sell
          </button>
        )}
        {groundCrew && (
          <button
            type="button"
            className="button"
            aria-label={`${filmedHere ? 'Back to filming' : 'Film'} ${names}`}
            onClick={() => navigate('capture', flight.id)}
          >
            {filmedHere
              ? 'Back to filming'
              : flight.recordedSceneCount < flight.sceneCount
                ? 'Film'
                : 'Scenes'}
          </button>
        )}
      </div>
    </article>
  );
}
