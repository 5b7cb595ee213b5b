// Admin: how the kiosk is doing over weeks, on one screen — is the database file sound (checked weekly, or now),
// how old is the last backup, are both cameras there, how many videos came out, how fast the disk fills, and
// which queries were slow. Every card says in a word and a colour whether something needs doing, and what.
import { useEffect, useState, type ReactNode } from 'react';
import type { HealthOverview, IntegrityStatus, SlowQueryFigures, StorageGrowth } from '../../shared/health';
import { ErrorPanel } from '../components/ErrorPanel';
import { useCameraCheckStore, watchCameras } from '../devices/camera-check';
import { formatBytes, formatDateTime, plural } from '../format';
import { navigate } from '../shell/route';
import { Detail } from '../system/StatusCard';
import { useHealthStore } from './store';
import { backupWords, daysLeftWords, exportWords, integrityWords, percent, storageWords } from './words';
import './health.css';

export function HealthScreen() {
  const { overview, error, loading, load } = useHealthStore();
  useEffect(() => {
    void load();
  }, [load]);

  return (
    <div className="admin-screen">
      <div className="screen-heading">
        <div>
          <h1>Kiosk health</h1>
          <p className="lead">
            {overview ? `As of ${formatDateTime(overview.generatedAt)}` : 'Reading the figures…'}
          </p>
        </div>
        <div className="heading-actions">
          <button type="button" className="button" onClick={() => navigate('problems')}>
            {overview ? `Problem reports (${overview.openProblems} open) →` : 'Problem reports →'}
          </button>
          <button type="button" className="button" disabled={loading} onClick={() => void load()}>
            {loading ? 'Reading…' : 'Read again'}
          </button>
        </div>
      </div>
      {error && (
        <ErrorPanel title="The health figures could not be read" error={error} onAction={() => void load()} />
      )}
      {overview && <HealthCards overview={overview} />}
    </div>
  );
}

function HealthCards({ overview }: { overview: HealthOverview }) {
  const backup = backupWords(overview.backup);
  const exports = exportWords(overview.exports);
  const slow = overview.slowQueries;
  const { last7Days, last30Days } = overview.exports;
  return (
    <>
      <section className="health-grid" aria-label="Kiosk health">
        <IntegrityCard integrity={overview.integrity} asOf={overview.generatedAt} />
        <HealthCard title="Backup" state={backup.state} headline={backup.headline} advice={backup.advice}>
          {overview.backup.state === 'recent' || overview.backup.state === 'old' ? (
            <Detail label="Made" value={formatDateTime(overview.backup.at)} />
          ) : null}
        </HealthCard>
        <CamerasCard />
        <HealthCard
          title="Videos made"
          state={exports.state}
          headline={exports.headline}
          advice={exports.advice}
        >
          <Detail label="Last 7 days" value={endedInWords(last7Days)} />
          <Detail
            label="Last 30 days"
            value={last30Days.rate === null ? 'None ended' : `${percent(last30Days.rate)} made`}
          />
          <Detail label="Waiting or being made" value={overview.exports.inProgress} />
        </HealthCard>
        <StorageCard growth={overview.storage} />
        <HealthCard
          title="Slow queries"
          state="good"
          headline={slow.last7Days === 0 ? 'None in 7 days' : `${slow.last7Days} in 7 days`}
        >
          <Detail label="Slow means over" value={`${slow.thresholdMs} ms`} />
          {slow.recent[0] && <Detail label="Latest" value={formatDateTime(slow.recent[0].recordedAt)} />}
        </HealthCard>
      </section>
      <SlowQueries figures={slow} />
    </>
  );
}

/** A status card as on the home screen, with room under its figures for what to do and its action. */
function HealthCard({
  title,
  state,
  headline,
  note,
  children,
  advice,
  action,
}: {
  title: string;
  state: 'good' | 'bad';
  headline: string;
  /** Said right under the headline (a check in progress). */
  note?: ReactNode;
  children?: ReactNode;
  advice?: string | null;
  action?: ReactNode;
}) {
  return (
    <article className={`status-card status-${state} health-card`} aria-label={title}>
      <h3>{title}</h3>
      <p className="status-headline">
        <span className="status-dot" aria-hidden="true" />
        {headline}
      </p>
      {note}
      {children && <dl className="status-details">{children}</dl>}
      {advice && (
        <p className="health-advice">
          <strong>What to do:</strong> {advice}
        </p>
      )}
      {action && <div className="health-card-foot">{action}</div>}
    </article>
  );
}

function endedInWords(rate: HealthOverview['exports']['last7Days']): string {
  const ended = rate.completed + rate.failed + rate.cancelled;
  if (ended === 0) return 'None ended';
  return `${rate.completed} of ${ended} (${plural(rate.failed, 'failed', 'failed')}, ${rate.cancelled} stopped)`;
}

/** Whole seconds since `since`, ticking once a second while `since` is set. */
function useSecondsSince(since: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (since === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [since]);
  return since === null ? 0 : Math.max(0, Math.floor((now - since) / 1000));
}

function IntegrityCard({ integrity, asOf }: { integrity: IntegrityStatus; asOf: string }) {
  const { checkingSince, checkError, checkIntegrity } = useHealthStore();
  const seconds = useSecondsSince(checkingSince);
  const checking = checkingSince !== null || integrity.running;
  const words = integrityWords(integrity);
  const { last } = integrity;
  return (
    <HealthCard
      title="Database"
      state={checking ? 'good' : words.state}
      headline={checking ? 'Checking…' : words.headline}
      note={
        checking ? (
          <p className="health-checking" role="status">
            Reading the whole database file
            {checkingSince !== null ? ` (${plural(seconds, 'second')})` : ''}. The kiosk keeps working
            meanwhile.
          </p>
        ) : null
      }
      advice={checking ? null : words.advice}
      action={
        <>
          {checkError && <p className="inline-error">{checkError.message}</p>}
          <button type="button" className="button" disabled={checking} onClick={() => void checkIntegrity()}>
            {checking ? 'Checking…' : 'Check now'}
          </button>
        </>
      }
    >
      {last && (
        <Detail
          label="Last checked"
          value={`${formatDateTime(last.checkedAt)}${last.trigger === 'weekly' ? ', weekly' : ', by hand'}`}
        />
      )}
      {last && last.outcome !== 'ok' && last.problems.length > 0 && (
        <Detail
          label="What SQLite found"
          value={
            <span className="health-problems">
              {last.problems.slice(0, 3).join(' · ')}
              {last.problems.length > 3 ? ` · and ${last.problems.length - 3} more` : ''}
            </span>
          }
        />
      )}
      <Detail
        label="Next weekly check"
        value={
          !integrity.last || integrity.nextWeeklyAt <= asOf
            ? 'Due: runs within the hour'
            : formatDateTime(integrity.nextWeeklyAt)
        }
      />
    </HealthCard>
  );
}

/** The screen's own view of the cameras (main cannot see them): the home screen's check. */
function CamerasCard() {
  const { matches, error } = useCameraCheckStore();
  useEffect(() => watchCameras(), []);
  if (error) return <HealthCard title="Cameras" state="bad" headline="Not checked" advice={error} />;
  if (!matches) return <HealthCard title="Cameras" state="good" headline="Looking for cameras…" />;
  const absent = matches.filter((match) => !match.device);
  return (
    <HealthCard
      title="Cameras"
      state={absent.length ? 'bad' : 'good'}
      headline={absent.length ? `${absent.length} of 2 not connected` : 'Both connected'}
      advice={absent.length > 0 ? 'Plug the camera in, or reassign it in Settings → Camera setup.' : null}
    >
      {matches.map((match) => (
        <Detail
          key={match.camera}
          label={`Camera ${match.camera} (${match.assignment.source})`}
          value={match.device ? match.device.label : 'Not connected'}
        />
      ))}
    </HealthCard>
  );
}

function StorageCard({ growth }: { growth: StorageGrowth }) {
  const words = storageWords(growth);
  const highest = Math.max(1, ...growth.days.map((day) => day.bytes));
  return (
    <HealthCard
      title="Disk growth"
      state={words.state}
      headline={words.headline}
      advice={words.advice}
      note={
        growth.bytesPerDay > 0 ? (
          <div
            className="health-bars"
            role="img"
            aria-label={`Recorded per day, last ${growth.days.length} days`}
          >
            {growth.days.map((day) => (
              <span
                key={day.day}
                className="health-bar"
                style={{ height: `${Math.max(3, Math.round((day.bytes / highest) * 100))}%` }}
              />
            ))}
          </div>
        ) : null
      }
    >
      <Detail label="Disk left at this rate" value={daysLeftWords(growth)} />
      {growth.freeBytes !== null && <Detail label="Free now" value={formatBytes(growth.freeBytes)} />}
    </HealthCard>
  );
}

const STATEMENT_SHOWN = 160;

/** The latest slow queries in full, for whoever looks into them; nothing when there are none. */
function SlowQueries({ figures }: { figures: SlowQueryFigures }) {
  if (figures.recent.length === 0) return null;
  return (
    <section className="health-slow" aria-label="Slow queries">
      <h2>The latest slow queries</h2>
      <p className="lead">
        Database work that took longer than {figures.thresholdMs} ms. A few after a busy day are normal; many
        every day slow the screens down — save diagnostics and report a problem.
      </p>
      <ul className="list" aria-label="The latest slow queries">
        {figures.recent.map((query, index) => (
          <li key={`${query.recordedAt}-${index}`} className="list-row">
            <div className="list-main">
              <span className="list-title">{Math.round(query.durationMs)} ms</span>
              <span className="list-detail path">
                {query.statement.length > STATEMENT_SHOWN
                  ? `${query.statement.slice(0, STATEMENT_SHOWN)}…`
                  : query.statement}
              </span>
            </div>
            <time className="list-time">{formatDateTime(query.recordedAt)}</time>
          </li>
        ))}
      </ul>
    </section>
  );
}
