// The kiosk home: is this installation ready for the day? Version, database and export engine at a glance.
import { Fragment, useEffect, type ReactNode } from 'react';
import type { FfmpegSource, FfmpegStatus, SystemInfo } from '../../shared/system';
import { ErrorPanel } from '../components/ErrorPanel';
import { ProblemActions } from '../problems/ProblemActions';
import { Detail, StatusCard } from './StatusCard';
import { useCameraCheckStore, watchCameras } from '../devices/camera-check';
import { useNoticeStore } from '../shell/notices';
import { navigate } from '../shell/route';
import { useSessionStore } from '../auth/session';
import { useSystemStore } from './store';
import { formatBytes, plural } from '../format';

export function HomeScreen() {
  const { info, error, loading, load } = useSystemStore();
  const user = useSessionStore((state) => state.user);
  useEffect(() => {
    void load();
  }, [load]);
  // A notice usually means something changed (demo flights added, storage low): show the new state.
  useEffect(() => useNoticeStore.subscribe(() => void load()), [load]);

  return (
    <div className="home">
      <div className="home-heading">
        <div>
          <h1>{user ? `${greeting(new Date())}, ${user.name.split(' ')[0]}` : 'Kiosk status'}</h1>
          <p className="lead">
            {new Date().toLocaleDateString([], {
              weekday: 'long',
              day: 'numeric',
              month: 'long',
              year: 'numeric',
            })}
          </p>
        </div>
        <div className="heading-actions">
          {!user && (
            <button type="button" className="button" onClick={() => navigate('home')}>
              ← Sign in
            </button>
          )}
          <button type="button" className="button" onClick={() => void load()} disabled={loading}>
            {loading ? 'Checking…' : 'Check again'}
          </button>
          {(user?.role === 'admin' || user?.role === 'crew') && (
            <button type="button" className="button button-primary" onClick={() => navigate('checkin')}>
              Check in a flight
            </button>
          )}
        </div>
      </div>

      {error && (
        <ErrorPanel title="The kiosk status could not be read" error={error} onAction={() => void load()} />
      )}
      {!info && !error && <p className="lead">Checking the kiosk…</p>}
      {info && (
        <SystemStatus info={info} showCameras={user?.role === 'admin' || user?.role === 'crew'}>
          {user && <ProblemActions role={user.role} />}
        </SystemStatus>
      )}
      {/* When the status cannot be read is when a problem most needs reporting. */}
      {!info && user && <ProblemActions role={user.role} />}
    </div>
  );
}

function SystemStatus({
  info,
  showCameras,
  children,
}: {
  info: SystemInfo;
  showCameras: boolean;
  /** Cards after the status (the way to report a problem). */
  children?: ReactNode;
}) {
  const { database, ffmpeg } = info;
  return (
    <section className="status-grid" aria-label="Kiosk status">
      {/* What decides whether the crew can film today comes first. */}
      {showCameras && <CamerasCard />}
      <StorageCard info={info} />

      {database.state === 'ok' ? (
        <StatusCard title="Database" state="good" headline="Ready">
          <Detail label="Flights stored" value={database.recordings.toLocaleString()} />
          <Detail label="Schema version" value={database.schemaVersion} />
          <Detail label="Size" value={formatBytes(database.sizeBytes)} />
          <Detail label="Journal" value={database.journalMode.toUpperCase()} />
        </StatusCard>
      ) : (
        <StatusCard title="Database" state="bad" headline="Not available">
          <Detail label="Problem" value={database.message} />
        </StatusCard>
      )}

      <FfmpegCard ffmpeg={ffmpeg} />

      <StatusCard title="App" state="good" headline={`Version ${info.version}`}>
        <Detail label="Running as" value={info.host === 'electron' ? 'Desktop kiosk' : 'Browser kiosk'} />
        <Detail label="Started" value={new Date(info.startedAt).toLocaleTimeString()} />
      </StatusCard>
      {children}
    </section>
  );
}

/** Whose ffmpeg it is, after its name: "ffmpeg 5.1.9 — the system's". */
const FFMPEG_SOURCES: Record<FfmpegSource, string> = {
  env: 'chosen by FFMPEG_PATH',
  system: "the system's",
  packaged: 'bundled',
  'ffmpeg-static': 'bundled',
  'ffmpeg-installer': 'bundled',
};

/** Which ffmpeg makes the videos, and what to do when it is older than 5. */
function FfmpegCard({ ffmpeg }: { ffmpeg: FfmpegStatus }) {
  if (!ffmpeg.available) {
    return (
      <StatusCard title="Video export" state="bad" headline="Not available">
        <Detail label="Problem" value={ffmpeg.message} />
      </StatusCard>
    );
  }
  const advice =
    ffmpeg.source === 'env'
      ? 'Point FFMPEG_PATH at ffmpeg 5 or later, then restart the kiosk'
      : 'Install ffmpeg 5 or later (on Debian: apt install ffmpeg), then restart the kiosk';
  return (
    <StatusCard
      title="Video export"
      state={ffmpeg.current ? 'good' : 'warn'}
      headline={ffmpeg.current ? 'Ready' : 'Ready, but old'}
    >
      <Detail label="ffmpeg" value={`${ffmpeg.label} — ${FFMPEG_SOURCES[ffmpeg.source]}`} />
      <Detail label="Where" value={<span className="path">{breakableAtSlashes(ffmpeg.path)}</span>} />
      {!ffmpeg.current && <Detail label="What to do" value={advice} />}
      <Detail
        label="Title card"
        value={ffmpeg.features.drawtext ? 'Yes' : 'No: videos are made without a title'}
      />
    </StatusCard>
  );
}

/** A long path may wrap after any slash, so it never pushes its card wider than the screen. */
function breakableAtSlashes(path: string): ReactNode {
  return path.split(/(?<=[/\\])/).map((part, index) => (
    <Fragment key={index}>
      {index > 0 && <wbr />}
      {part}
    </Fragment>
  ));
}

/** Warns ahead of a full disk: at the rate the footage grows, how many days are left, and what to do. */
function StorageCard({ info }: { info: SystemInfo }) {
  const { freeBytes, totalBytes, lowBytes, level, daysLeft, growthBytesPerDay } = info.storage;
  const isAdmin = useSessionStore((state) => state.user?.role === 'admin');
  const folder = <Detail label="Data folder" value={<span className="path">{info.dataDir}</span>} />;
  if (freeBytes === null) {
    return (
      <StatusCard title="Storage" state="bad" headline="Free space unknown">
        <Detail label="What to do" value="Check the disk before recording" />
        {folder}
      </StatusCard>
    );
  }
  const full = freeBytes < lowBytes;
  const advice = full
    ? 'Recording stops below this. Back up, then remove old footage on the Storage screen'
    : 'Back up, then remove old footage on the Storage screen';
  return (
    <StatusCard
      title="Storage"
      state={level === 'critical' ? 'bad' : level === 'warning' ? 'warn' : 'good'}
      headline={`${formatBytes(freeBytes)} free`}
      action={
        level !== 'ok' && isAdmin ? (
          <button type="button" className="button" onClick={() => navigate('storage')}>
            Open Storage
          </button>
        ) : null
      }
    >
      {daysLeft !== null && growthBytesPerDay !== null && (
        <Detail
          label="Days left"
          value={`${daysLeft > 365 ? 'Over a year' : `About ${plural(daysLeft, 'day')}`} at ${formatBytes(growthBytesPerDay)} a day`}
        />
      )}
      {level !== 'ok' && (
        <Detail
          label="What to do"
          value={isAdmin ? advice : `Tell a manager: ${advice.charAt(0).toLowerCase()}${advice.slice(1)}`}
        />
      )}
      {/* With a warning, what to do and its button come first: the folder and disk size can wait. */}
      {level === 'ok' && totalBytes !== null && <Detail label="Disk size" value={formatBytes(totalBytes)} />}
      {level === 'ok' && folder}
    </StatusCard>
  );
}

/** Which camera the setup names is not plugged in, said before the first passenger is checked in. */
function CamerasCard() {
  const { matches, error } = useCameraCheckStore();
  const isAdmin = useSessionStore((state) => state.user?.role === 'admin');
  useEffect(() => watchCameras(), []);
  if (error) {
    return (
      <StatusCard title="Cameras" state="bad" headline="Not checked">
        <Detail label="Problem" value={error} />
      </StatusCard>
    );
  }
  if (!matches) return <StatusCard title="Cameras" state="good" headline="Looking for cameras…" />;
  const absent = matches.filter((match) => !match.device);
  return (
    <StatusCard
      title="Cameras"
      state={absent.length ? 'bad' : 'good'}
      headline={absent.length ? `${absent.length} of 2 not connected` : 'Both connected'}
    >
      {matches.map((match) => (
        <Detail
          key={match.camera}
          label={`Camera ${match.camera} (${match.assignment.source})`}
          value={
            match.device
              ? match.device.label
              : match.missing
                ? `“${match.assignment.label ?? 'the chosen camera'}” is not plugged in`
                : 'No camera found'
          }
        />
      ))}
      {absent.length > 0 && (
        <Detail
          label="What to do"
          value={
            isAdmin ? (
              <button type="button" className="button" onClick={() => navigate('cameras')}>
                Reassign cameras
              </button>
            ) : (
              'Plug the camera in, or ask a manager to reassign it'
            )
          }
        />
      )}
    </StatusCard>
  );
}

function greeting(now: Date): string {
  const hour = now.getHours();
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}
