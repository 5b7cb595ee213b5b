// Filming a flight: the three scenes in order, both cameras live, one big start/stop, a 3-2-1 countdown, the
// elapsed time and what each camera is writing. Everything recorded is on disk as it happens.
import { useEffect, useState } from 'react';
import './capture.css';
import type { SceneView } from '../../shared/capture';
import { CameraWarnings } from '../components/CameraWarnings';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { StreamVideo } from '../components/StreamVideo';
import { formatBytes, formatDateTime, formatElapsedSeconds } from '../format';
import { cameraName, SCENE_LABELS, useCaptureStore } from './store';
import { navigate, useRouteParam } from '../shell/route';

const isRecorded = (scene: SceneView) => scene.status === 'recorded' || scene.status === 'recovered';

function useElapsed(): number {
  const take = useCaptureStore((state) => state.take);
  const [elapsed, setElapsed] = useState(0);
  useEffect(() => {
    if (!take) return;
    const timer = setInterval(() => setElapsed(take.elapsedSeconds()), 250);
    return () => clearInterval(timer);
  }, [take]);
  return take ? elapsed : 0;
}

function sceneSummary(scene: SceneView): string {
  if (scene.status === 'recording') return 'Recording';
  if (scene.status === 'failed') return 'Failed — record again';
  if (!isRecorded(scene)) return 'Not filmed yet';
  const seconds = Math.max(scene.camera1Duration ?? 0, scene.camera2Duration ?? 0);
  return `${scene.status === 'recovered' ? 'Recovered' : 'Filmed'} · ${formatElapsedSeconds(seconds)}`;
}

export function CaptureScreen() {
  const recordingId = useRouteParam();
  const store = useCaptureStore();
  const { recording, loadError, phase, sceneId, countdown, progress, message, matches, feeds, take } = store;
  const elapsed = useElapsed();
  const [selected, setSelected] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<'rerecord' | 'discard' | 'one-camera' | null>(null);
  const [watching, setWatching] = useState(false);

  useEffect(() => {
    if (recordingId) void store.loadRecording(recordingId);
    void store.openCameras();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per flight
  }, [recordingId]);

  if (!recordingId) {
    return <p className="lead">Choose a flight to film from the flights list.</p>;
  }
  if (loadError) {
    return (
      <ErrorPanel
        title="This flight could not be opened"
        error={loadError}
        actionLabel="Back to flights"
        onAction={() => navigate('flights')}
      />
    );
  }
  if (!recording) return <p className="lead">Opening the flight…</p>;

  const busyScene = phase !== 'idle' ? sceneId : null;
  const current =
    recording.scenes.find((scene) => scene.id === (busyScene ?? selected)) ??
    recording.scenes.find((scene) => !isRecorded(scene)) ??
    recording.scenes[recording.scenes.length - 1];
  if (!current) return <p className="lead">This flight has no scenes.</p>;
  const allFilmed = recording.scenes.every(isRecorded);
  const liveCameras = matches.filter((match) => feeds[match.camera]?.active);
  const belowMinimum = take !== null && store.minSeconds !== null && elapsed < store.minSeconds;

  const start = () => {
    setWatching(false);
    if (isRecorded(current)) return setConfirm('rerecord');
    if (liveCameras.length === 1 && matches.length === 2) return setConfirm('one-camera');
    void store.startScene(current.id);
  };

  return (
    <div className="capture-screen">
      <header className="capture-heading">
        <div>
          <h1>{recording.passengerNames}</h1>
          <p className="lead">
            {formatDateTime(recording.flightAt)} · Pilot {recording.pilotName ?? 'not set'}
          </p>
        </div>
        <button
          type="button"
          className="button"
          disabled={phase !== 'idle'}
          onClick={() => navigate('flights')}
        >
          {allFilmed ? 'Done — back to flights' : 'Back to flights'}
        </button>
      </header>

      <nav className="scene-steps" aria-label="Scenes">
        {recording.scenes.map((scene) => (
          <button
            key={scene.id}
            type="button"
            className={[
              'scene-step',
              scene.id === current.id ? 'selected' : '',
              isRecorded(scene) ? 'done' : '',
            ].join(' ')}
            aria-pressed={scene.id === current.id}
            disabled={phase !== 'idle'}
            onClick={() => {
              setSelected(scene.id);
              setWatching(false);
            }}
          >
            <span className="scene-step-name">
              {scene.sceneIndex}. {SCENE_LABELS[scene.sceneType]}
            </span>
            <span className="scene-step-state">{sceneSummary(scene)}</span>
          </button>
        ))}
      </nav>

      <CameraWarnings />

      <div className="camera-pair">
        {(watching && isRecorded(current) ? [1, 2] : matches.map((m) => m.camera)).map((camera) => {
          const match = matches.find((m) => m.camera === camera);
          const source = camera === 1 ? current.camera1Source : current.camera2Source;
          const status = progress.find((p) => p.camera === camera);
          const url = camera === 1 ? current.camera1Url : current.camera2Url;
          return (
            <figure key={camera} className="camera-panel" data-camera={camera}>
              {watching ? (
                url ? (
                  <video
                    className="stream-video"
                    src={url}
                    controls
                    playsInline
                    aria-label={`${cameraName(camera as 1 | 2, source)} footage`}
                  />
                ) : (
                  <p className="camera-empty">No footage from this camera.</p>
                )
              ) : match && !feeds[match.camera]?.active && phase === 'idle' ? (
                <p className="camera-empty">No picture from this camera.</p>
              ) : (
                <StreamVideo
                  stream={match ? feeds[match.camera] : null}
                  label={`${cameraName(camera as 1 | 2, source)} live`}
                />
              )}
              <figcaption className="camera-caption">
                <strong>{cameraName(camera as 1 | 2, source)}</strong>
                {status && phase !== 'idle' && (
                  <span
                    className={`chip ${status.state === 'lost' ? 'chip-bad' : status.state === 'recording' ? 'chip-rec' : ''}`}
                  >
                    {status.state === 'recording'
                      ? '● REC'
                      : status.state === 'lost'
                        ? `Lost at ${formatElapsedSeconds(status.lostAtSeconds ?? 0)}`
                        : status.state === 'starting'
                          ? 'Starting'
                          : 'Stopped'}
                  </span>
                )}
                {status && phase !== 'idle' && (
                  <span className="camera-stats" aria-label={`Camera ${camera} status`}>
                    {status.width}×{status.height} · {status.frameRate} fps ·{' '}
                    {formatBytes(status.bytesWritten)} saved
                  </span>
                )}
              </figcaption>
              {phase === 'countdown' && (
                <div className="countdown" aria-live="assertive">
                  {countdown}
                </div>
              )}
            </figure>
          );
        })}
      </div>

      <div className="capture-controls">
        <div className="elapsed" aria-label="Elapsed time">
          {phase === 'recording' || phase === 'stopping'
            ? formatElapsedSeconds(elapsed)
            : formatElapsedSeconds(0)}
        </div>
        {message && (
          <p
            className={`capture-message capture-message-${message.level}`}
            role={message.level === 'info' ? 'status' : 'alert'}
          >
            {message.text}
          </p>
        )}
        <div className="capture-buttons">
          {phase === 'idle' && (
            <>
              {isRecorded(current) && (
                <button
                  type="button"
                  className="button button-large"
                  onClick={() => setWatching((on) => !on)}
                >
                  {watching ? 'Show live cameras' : 'Watch this scene'}
                </button>
              )}
              <button
                type="button"
                className="button button-record button-large"
                disabled={liveCameras.length === 0}
                onClick={start}
              >
                {isRecorded(current)
                  ? `Record ${SCENE_LABELS[current.sceneType]} again`
                  : `Start ${SCENE_LABELS[current.sceneType]}`}
              </button>
            </>
          )}
          {phase === 'countdown' && (
            <button type="button" className="button button-large" onClick={store.cancelCountdown}>
              Cancel
            </button>
          )}
          {phase === 'recording' && (
            <>
              <button type="button" className="button" onClick={() => setConfirm('discard')}>
                Throw this take away
              </button>
              <button
                type="button"
                className="button button-stop button-large"
                onClick={() => void store.stopScene()}
              >
                Stop {SCENE_LABELS[current.sceneType]}
                {belowMinimum && store.minSeconds !== null && (
                  <span className="stop-countdown">
                    possible in {Math.ceil(store.minSeconds - elapsed)} s
                  </span>
                )}
              </button>
            </>
          )}
          {phase === 'stopping' && (
            <button type="button" className="button button-large" disabled>
              Saving the footage…
            </button>
          )}
        </div>
      </div>

      {confirm === 'rerecord' && (
        <ConfirmDialog
          title={`Record ${SCENE_LABELS[current.sceneType]} again?`}
          confirmLabel="Record again"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            void store.startScene(current.id);
          }}
        >
          The footage filmed before is replaced once the new take is saved. Until then it is kept, so stopping
          or throwing the new take away loses nothing.
        </ConfirmDialog>
      )}
      {confirm === 'one-camera' && (
        <ConfirmDialog
          title="Record with one camera?"
          confirmLabel="Record with one camera"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            void store.startScene(current.id);
          }}
        >
          Only {cameraName(liveCameras[0]?.camera ?? 1, liveCameras[0]?.assignment.source)} is working. The
          scene will have one angle only.
        </ConfirmDialog>
      )}
      {confirm === 'discard' && (
        <ConfirmDialog
          title="Throw this take away?"
          confirmLabel="Throw it away"
          onCancel={() => setConfirm(null)}
          onConfirm={() => {
            setConfirm(null);
            void store.discardTake();
          }}
        >
          What was filmed in this take is deleted. The scene keeps the footage it had before, if any.
        </ConfirmDialog>
      )}
    </div>
  );
}
