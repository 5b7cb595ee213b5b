// Admin: what the kiosk's one disk holds and how fast it fills — free space, the flights' files in total, per
// kind and per flight, growth per day over two weeks and the days left — and, on their own tabs, the rules that
// remove old raw footage and the files check.
import { useEffect, useState } from 'react';
import type { StorageOverview } from '../../shared/storage';
import { ErrorPanel } from '../components/ErrorPanel';
import { Segmented } from '../components/Segmented';
import { formatBytes, formatDateTime, plural } from '../format';
import { FilesCheckPanel } from './FilesCheckPanel';
import { KIND_LABELS } from './labels';
import { RetentionPanel } from './RetentionPanel';
import { useStorageStore } from './store';
import './storage.css';

type Tab = 'overview' | 'retention' | 'check';

const TABS: ReadonlyArray<{ value: Tab; label: string }> = [
  { value: 'overview', label: 'What takes the space' },
  { value: 'retention', label: 'Remove old footage' },
  { value: 'check', label: 'Files check' },
];

export function StorageScreen() {
  const { overview, error, busy, load } = useStorageStore();
  const [tab, setTab] = useState<Tab>('overview');
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => useStorageStore.getState().watchProgress(), []);

  return (
    <div className="admin-screen storage">
      <div className="screen-heading">
        <div>
          <h1>Storage</h1>
          {overview && <p className="lead">{summary(overview)}</p>}
        </div>
        <button type="button" className="button" onClick={() => void load()} disabled={busy !== null}>
          {busy === 'overview' ? 'Adding up…' : 'Add up again'}
        </button>
      </div>
      <Segmented<Tab> label="Storage sections" options={TABS} value={tab} onChange={setTab} />
      {error && <ErrorPanel title="That did not work" error={error} />}
      {!overview && !error && <p className="lead">Adding up the kiosk’s files…</p>}
      {tab === 'overview' && overview && (
        <>
          <StorageTiles overview={overview} />
          <UsageDetails overview={overview} />
        </>
      )}
      {tab === 'retention' && <RetentionPanel />}
      {tab === 'check' && <FilesCheckPanel />}
    </div>
  );
}

/** One line for the tabs that do not show the tiles: free space and how long it lasts. */
function summary(overview: StorageOverview): string {
  const { disk, growth } = overview;
  const free = disk.freeBytes === null ? 'Free space unknown' : `${formatBytes(disk.freeBytes)} free`;
  if (growth.daysLeft === null) return `${free} · not filling up`;
  if (growth.daysLeft === 0) return `${free} · recording stops now`;
  const left = growth.daysLeft > 365 ? 'over a year' : `about ${plural(growth.daysLeft, 'day')}`;
  return `${free} · ${left} left at ${formatBytes(growth.bytesPerDay)} a day`;
}

function daysLeftText(daysLeft: number | null): string {
  if (daysLeft === null) return 'Not filling up';
  if (daysLeft === 0) return 'Full now';
  return daysLeft > 365 ? 'Over a year' : `About ${plural(daysLeft, 'day')}`;
}

function StorageTiles({ overview }: { overview: StorageOverview }) {
  const { disk, growth } = overview;
  const soon = growth.daysLeft !== null && growth.daysLeft < 14;
  const low = disk.freeBytes !== null && disk.freeBytes < disk.lowBytes;
  const tiles = [
    {
      name: 'Free on the disk',
      value: disk.freeBytes === null ? 'Unknown' : formatBytes(disk.freeBytes),
      detail:
        disk.totalBytes === null
          ? 'The disk does not say its size'
          : `of ${formatBytes(disk.totalBytes)}; recording stops below ${formatBytes(disk.lowBytes)}`,
      bad: low,
    },
    {
      name: 'Flights’ files',
      value: formatBytes(overview.totalBytes),
      detail: `${plural(overview.files, 'file')} of ${plural(overview.flights.total, 'flight')}`,
      bad: false,
    },
    {
      name: 'Growth per day',
      value: formatBytes(growth.bytesPerDay),
      detail: 'on average over the last 14 days',
      bad: false,
    },
    {
      name: 'Days left',
      value: daysLeftText(growth.daysLeft),
      detail: soon ? 'Back up, then remove old footage' : 'at that rate, before recording stops',
      bad: soon || low,
    },
  ];
  return (
    <div className="storage-tiles">
      {tiles.map((tile) => (
        <section
          key={tile.name}
          className={tile.bad ? 'storage-tile storage-tile-bad' : 'storage-tile'}
          aria-label={tile.name}
        >
          <h2>{tile.name}</h2>
          <p className="storage-tile-value">{tile.value}</p>
          <p className="storage-tile-detail">{tile.detail}</p>
        </section>
      ))}
    </div>
  );
}

function UsageDetails({ overview }: { overview: StorageOverview }) {
  const { flights, growth } = overview;
  const { busy, showMoreFlights } = useStorageStore();
  const biggestKind = Math.max(1, ...overview.byKind.map((k) => k.bytes));
  const biggestDay = Math.max(1, ...growth.days.map((d) => d.bytes));
  return (
    <div className="storage-details">
      <div className="storage-columns">
        <section className="storage-card" aria-label="By kind">
          <h2>By kind</h2>
          <ul className="kind-bars">
            {overview.byKind.map((kind) => (
              <li key={kind.kind}>
                <span className="kind-name">{KIND_LABELS[kind.kind]}</span>
                <span className="kind-bar" aria-hidden="true">
                  <span style={{ width: `${(kind.bytes / biggestKind) * 100}%` }} />
                </span>
                <span className="kind-bytes">{formatBytes(kind.bytes)}</span>
              </li>
            ))}
          </ul>
          <p className="storage-note">
            Besides: the database {formatBytes(overview.databaseBytes)}, old audit entries{' '}
            {formatBytes(overview.archiveBytes)}.
            {overview.removed.files > 0 &&
              ` Removed so far by the rules: ${formatBytes(overview.removed.bytes)} of ${plural(overview.removed.flights, 'flight')}.`}
          </p>
        </section>
        <section className="storage-card" aria-label="Last 14 days">
          <h2>Recorded per day, last 14 days</h2>
          <ol className="day-columns">
            {growth.days.map((day) => (
              <li key={day.day} aria-label={`${day.day}: ${formatBytes(day.bytes)}`}>
                <span className="day-column" aria-hidden="true">
                  <span style={{ height: `${(day.bytes / biggestDay) * 100}%` }} />
                </span>
                <span className="day-label">{Number(day.day.slice(8))}</span>
              </li>
            ))}
          </ol>
          <p className="storage-note">
            {formatBytes(growth.bytesPerDay)} a day on average. {daysLeftText(growth.daysLeft)} at that rate.
          </p>
        </section>
      </div>
      <section className="storage-card" aria-label="Flights by size">
        <h2>Flights by size</h2>
        <ul className="list" aria-label="Flights">
          {flights.items.map((flight) => (
            <li key={flight.recordingId} className="list-row">
              <div className="list-main">
                <span className="list-title">{flight.passengerNames}</span>
                <span className="list-detail">
                  {formatDateTime(flight.flightAt)} · {flight.sold ? 'Sold' : 'Not sold'} · raw{' '}
                  {formatBytes(flight.bytesByKind.raw)}, video {formatBytes(flight.bytesByKind.export)},
                  photos {formatBytes(flight.bytesByKind.photo)}
                  {flight.rawRemovedAt && ` · footage removed ${formatDateTime(flight.rawRemovedAt)}`}
                </span>
              </div>
              <span className="storage-bytes">{formatBytes(flight.bytes)}</span>
            </li>
          ))}
        </ul>
        {flights.items.length === 0 && <p className="lead">No flight has files on this kiosk yet.</p>}
        {flights.items.length < flights.total && (
          <button
            type="button"
            className="button"
            disabled={busy !== null}
            onClick={() => void showMoreFlights()}
          >
            Show more ({flights.total - flights.items.length} smaller)
          </button>
        )}
      </section>
    </div>
  );
}
