// Filming a flight: the three scenes in order, both cameras live, one big start/stop, a 3-2-1 countdown, the
// elapsed time and what each camera is writing. Everything recorded is on disk as it happens. After each save
// the screen moves on to the next scene not filmed yet; once all are filmed it shows the video being made by
// itself and offers "Sell now", straight to this flight's checkout.
import { TRIP_PURPOSE_LABELS } from '../../shared/checkin';
import { useEffect, useState } from 'react';
import './capture.css';
import type { CameraNumber, TakeFinished } from '../../shared/capture';
import { CameraWarnings } from '../components/CameraWarnings';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { FlightVideoStatus } from '../exports/FlightVideoStatus';
import { formatDateTime, formatElapsedSeconds } from '../format';
import { CameraPanel } from './CameraPanel';
import { ConnectionBanner, useConnectionNote } from './ConnectionBanner';
import { SceneSteps } from './SceneSteps';
import { StopWithOneCamera } from './StopWithOneCamera';
import { isRecorded } from './scenes';
import { cameraName, SCENE_LABELS, useCaptureStore } from './store';
import { navigate, useRouteParam } from '../shell/route';

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

export function CaptureScreen() {
  const recordingId = useRouteParam();
  const store = useCaptureStore();
  const { recording, loadError, phase, sceneId, message, matches, feeds, take, stoppedFeeds, online, link } =
    store;
  const elapsed = useElapsed();
  const connectionNote = useConnectionNote();
  // The scene the crew picked, and the take saved last when they did.
  const [picked, setPicked] = useState<{ sceneId: string; after: TakeFinished | null } | null>(null);
  const [confirm, setConfirm] = useState<'rerecord' | 'discard' | 'one-camera' | 'stop-one-camera' | null>(
    null,
  );
  const [watching, setWatching] = useState(false);

  // While this screen shows it follows the connection (in the browser host that also keeps a probe going, so a
  // host that freezes is noticed within 2 s even between calls).
  const { followConnection } = store;
  useEffect(() => followConnection(), [followConnection]);

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

  // After a take is saved the screen moves on to the next scene not filmed yet, as the crew always do, so a pick
  // made before it lapses; once every scene is filmed it stays (to watch or film one again).
  const selected =
    picked && (picked.after === store.lastFinished || recording.scenes.every(isRecorded))
      ? picked.sceneId
      : null;
  const busyScene = phase !== 'idle' ? sceneId : null;
  const current =
    recording.scenes.find((scene) => scene.id === (busyScene ?? selected)) ??
    recording.scenes.find((scene) => !isRecorded(scene)) ??
    recording.scenes[recording.scenes.length - 1];
  if (!current) return <p className="lead">This flight has no scenes.</p>;
  const allFilmed = recording.scenes.every(isRecorded);
  const filmingDone = allFilmed && phase === 'idle';
  // The newest take's end: a video queued before it is of older footage.
  const footageAt = recording.scenes.reduce<string | null>(
    (newest, scene) => (scene.endedAt && (!newest || scene.endedAt > newest) ? scene.endedAt : newest),
    null,
  );
  // A feed that stopped sending pictures does not count, so filming with the other one asks first.
  const liveCameras = matches.filter((match) => feeds[match.camera]?.active && !stoppedFeeds[match.camera]);
  const belowMinimum = take !== null && store.minSeconds !== null && elapsed < store.minSeconds;
  const lostInTake = phase === 'recording' && take ? take.lostCameras() : [];
  const waitingForService = phase === 'stopping' && (!online || (link?.backlog ?? false));
  const shownCameras: CameraNumber[] =
    watching && isRecorded(current) ? [1, 2] : matches.map((match) => match.camera);

  const start = () => {
    setWatching(false);
    if (isRecorded(current)) return setConfirm('rerecord');
    if (liveCameras.length === 1 && matches.length === 2) return setConfirm('one-camera');
    void store.startScene(current.id);
  };

  const stop = () => {
    // Below the minimum the store says how long to go; a lost camera that is not back asks first.
    if (!belowMinimum && lostInTake.length > 0 && lostInTake.length < (take?.progress().length ?? 0)) {
      return setConfirm('stop-one-camera');
    }
    void store.stopScene();
  };

  return (
    <div className="capture-screen">
      <header className="capture-heading">
        <div>
          <h1>{recording.passengerNames}</h1>
          <p className="lead">
            {formatDateTime(recording.flightAt)} · Pilot {recording.pilotName ?? 'not set'}
            {recording.origin ? ` · From ${recording.origin}` : ''}
            {recording.tripPurpose ? ` · ${TRIP_PURPOSE_LABELS[recording.tripPurpose]}` : ''}
            {recording.waiverAcceptedAt ? ' · Waiver signed ✓' : ''}
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

      <SceneSteps
        scenes={recording.scenes}
        current={current}
        disabled={phase !== 'idle'}
        onPick={(id) => {
          setPicked({ sceneId: id, after: store.lastFinished });
          setWatching(false);
        }}
      />

      <CameraWarnings />
      {connectionNote && <ConnectionBanner note={connectionNote} />}

      <div className="camera-pair">
        {shownCameras.map((camera) => (
          <CameraPanel key={camera} camera={camera} scene={current} watching={watching} />
        ))}
      </div>

      {message && (
        <p
          className={`capture-message capture-message-${message.level}`}
          role={message.level === 'info' ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
      <div className="capture-controls">
        {filmingDone ? (
          <FlightVideoStatus recordingId={recording.id} footageAt={footageAt} />
        ) : (
          <div className="elapsed" aria-label="Elapsed time">
            {phase === 'recording' || phase === 'stopping'
              ? formatElapsedSeconds(elapsed)
              : formatElapsedSeconds(0)}
          </div>
        )}
        <div className="capture-buttons">
          {phase === 'idle' && (
            <>
              {isRecorded(current) && (
                <button
                  type="button"
                  // Once all is filmed, selling comes first: the other buttons step back.
                  className={filmingDone ? 'button' : 'button button-large'}
                  onClick={() => setWatching((on) => !on)}
                >
                  {watching ? 'Show live cameras' : 'Watch this scene'}
                </button>
              )}
              <button
                type="button"
                className={filmingDone ? 'button' : 'button button-record button-large'}
                disabled={liveCameras.length === 0 || !online}
                onClick={start}
              >
                {isRecorded(current)
                  ? `Record ${SCENE_LABELS[current.sceneType]} again`
                  : `Start ${SCENE_LABELS[current.sceneType]}`}
              </button>
              {filmingDone && !recording.sold && (
                <button
                  type="button"
                  className="button button-primary button-large"
                  onClick={() => navigate('checkout', recording.id)}
                >
                  Sell now
                </button>
              )}
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
              <button type="button" className="button button-stop button-large" onClick={stop}>
                Stop {SCENE_LABELS[current.sceneType]}
                {belowMinimum && store.minSeconds !== null && (
                  <span className="stop-countdown">
                    possible in {Math.ceil(store.minSeconds - elapsed)} s
                  </span>
                )}
              </button>
            </>
          )}
          {phase === 'stopping' && waitingForService && (
            <button type="button" className="button" onClick={() => setConfirm('discard')}>
              Throw this take away
            </button>
          )}
          {phase === 'stopping' && (
            <button type="button" className="button button-large" disabled>
              {waitingForService ? 'Waiting to save…' : 'Saving the footage…'}
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
      {confirm === 'stop-one-camera' && take && (
        <StopWithOneCamera
          lost={lostInTake}
          sceneLabel={SCENE_LABELS[current.sceneType]}
          onKeepFilming={() => setConfirm(null)}
          onGetBack={(camera) => {
            setConfirm(null);
            void store.getCameraBack(camera);
          }}
          onSave={() => {
            setConfirm(null);
            void store.stopScene();
          }}
        />
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
