// Pilots and crew watch a scene's two angles side by side, in step: one large, one small, swap at a tap.
// The videos are driven by ReviewPlayer; this screen only lays them out and passes on taps.
import { useEffect, useState } from 'react';
import type { CameraNumber, SceneView } from '../../shared/capture';
import type { FootageRemoval } from '../../shared/recordings';
import { backupTimeOf } from '../../shared/storage';
import { ErrorPanel } from '../components/ErrorPanel';
import { formatDateTime } from '../format';
import { PLAYBACK_RATES, formatPlayerTime } from '../components/scene-sync';
import { useScenePlayer } from '../components/useScenePlayer';
import { FrameButtons, SceneAngles, angleName, type PlayerLook } from '../components/SceneAngles';
import { SCENE_LABELS } from '../capture/store';
import { useReviewStore } from './review-store';
import { navigate, useRouteParam } from '../shell/route';
import './review.css';

const REVIEW_LOOK: PlayerLook = {
  angle: 'review-angle',
  video: 'review-video',
  caption: 'review-caption',
  step: 'review-step',
  play: 'review-play',
  back: '◀ Frame',
  forward: 'Frame ▶',
};

const hasFootage = (scene: SceneView) =>
  (scene.status === 'recorded' || scene.status === 'recovered') &&
  (scene.camera1Url !== null || scene.camera2Url !== null);

export function ReviewScreen() {
  const id = useRouteParam();
  const { recording, error, loading, load } = useReviewStore();
  const [sceneId, setSceneId] = useState<string | null>(null);
  useEffect(() => {
    if (id) void load(id);
  }, [id, load]);

  if (!id) return <p className="lead">Choose a flight to watch from the Flights screen.</p>;
  if (error)
    return (
      <ErrorPanel title="This flight could not be opened" error={error} onAction={() => void load(id)} />
    );
  if (!recording || recording.id !== id)
    return <p className="lead">{loading ? 'Opening the flight…' : ''}</p>;

  // Footage the storage rules removed is not offered: the screen says so instead of a player that cannot load.
  const playable = recording.footageRemoved ? [] : recording.scenes.filter(hasFootage);
  const scene = playable.find((s) => s.id === sceneId) ?? playable[0] ?? null;
  return (
    <div className="review-screen">
      <div className="review-heading">
        <div className="review-title">
          <h1>{recording.passengerNames}</h1>
          <span className="lead">{formatDateTime(recording.flightAt)}</span>
        </div>
        <button type="button" className="button" onClick={() => navigate('flights')}>
          Back to flights
        </button>
        <div className="segmented review-scenes" role="tablist" aria-label="Scenes">
          {recording.scenes.map((s) => (
            <button
              key={s.id}
              type="button"
              role="tab"
              className={s.id === scene?.id ? 'segment selected' : 'segment'}
              aria-selected={s.id === scene?.id}
              disabled={!playable.includes(s)}
              onClick={() => setSceneId(s.id)}
            >
              {SCENE_LABELS[s.sceneType]}
            </button>
          ))}
        </div>
      </div>
      {recording.footageRemoved ? (
        <p className="review-empty">{footageRemovedText(recording.footageRemoved)}</p>
      ) : scene ? (
        <ScenePlayer key={scene.id} scene={scene} />
      ) : (
        <p className="review-empty">No footage has been filmed for this flight yet.</p>
      )}
    </div>
  );
}

const day = (iso: string) =>
  new Date(iso).toLocaleDateString([], { day: 'numeric', month: 'short', year: 'numeric' });

function footageRemovedText(removal: FootageRemoval): string {
  const removed = `The footage was removed on ${day(removal.removedAt)}`;
  if (!removal.backupGeneration) return `${removed}. No backup held it; a manager confirmed its removal.`;
  const backupAt = backupTimeOf(removal.backupGeneration);
  return `${removed} (in the backup of ${backupAt ? formatDateTime(backupAt) : removal.backupGeneration}).`;
}

function ScenePlayer({ scene }: { scene: SceneView }) {
  const run = useScenePlayer(scene);
  const { cameras, player, state } = run;
  const [large, setLarge] = useState<CameraNumber>(cameras[0] ?? 1);

  const small = cameras.find((camera) => camera !== large);
  return (
    <div className="review-player">
      <div className={cameras.length > 1 ? 'review-stage' : 'review-stage review-stage-single'}>
        <SceneAngles scene={scene} run={run} look={REVIEW_LOOK} large={large} />
        <div className="review-side">
          {small !== undefined ? (
            <button type="button" className="button review-swap" onClick={() => setLarge(small)}>
              Swap angles
            </button>
          ) : (
            <p className="review-note">Only {angleName(scene, cameras[0] ?? 1)} filmed this scene.</p>
          )}
          <div className="review-speed" role="group" aria-label="Speed">
            {PLAYBACK_RATES.map((rate) => (
              <button
                key={rate}
                type="button"
                className={rate === state.rate ? 'segment selected' : 'segment'}
                aria-pressed={rate === state.rate}
                onClick={() => player?.setRate(rate)}
              >
                {rate}×
              </button>
            ))}
          </div>
        </div>
      </div>
      <div className="review-controls">
        <FrameButtons run={run} look={REVIEW_LOOK} />
        <input
          type="range"
          className="review-scrub"
          aria-label="Position in the scene"
          min={0}
          max={state.length || 0}
          step={0.01}
          value={Math.min(state.time, state.length)}
          onChange={(event) => player?.seek(Number(event.target.value))}
        />
        <span className="review-time" aria-label="Time">
          {formatPlayerTime(state.time)} / {formatPlayerTime(state.length)}
        </span>
      </div>
    </div>
  );
}
