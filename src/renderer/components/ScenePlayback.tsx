// The scene's two angles, small and side by side, played in step by the review player, with play and frame
// step beside them.
import type { ReactNode } from 'react';
import type { CameraNumber } from '../../shared/capture';
import type { EditorScene } from '../../shared/editor';
import { formatPlayerTime } from './scene-sync';
import { urlOf, type useScenePlayer } from './useScenePlayer';
import { cameraName } from '../capture/store';

interface ScenePlaybackProps {
  scene: EditorScene;
  run: ReturnType<typeof useScenePlayer>;
  /** Shown under the transport (the autosave status). */
  children?: ReactNode;
}

export function ScenePlayback({ scene, run, children }: ScenePlaybackProps) {
  const { cameras, refs, player, state, playhead } = run;
  const sourceOf = (camera: CameraNumber) => (camera === 1 ? scene.camera1Source : scene.camera2Source);
  return (
    <div className="scene-playback">
      {cameras.map((camera) => (
        <figure key={camera} className="scene-angle">
          <video
            ref={(element) => {
              refs.current[camera] = element;
            }}
            className="scene-video"
            data-camera={camera}
            src={urlOf(scene, camera) ?? undefined}
            preload="auto"
            playsInline
            muted={camera !== cameras[0]}
            onClick={() => player?.togglePlay()}
          />
          <figcaption className="scene-caption">{cameraName(camera, sourceOf(camera))}</figcaption>
        </figure>
      ))}
      <div className="scene-transport">
        <div className="scene-transport-row">
          <button
            type="button"
            className="button scene-step"
            aria-label="One frame back"
            onClick={() => player?.stepFrame(-1)}
          >
            ◀
          </button>
          <button
            type="button"
            className="button button-primary scene-play"
            onClick={() => player?.togglePlay()}
          >
            {state.playing ? 'Pause' : 'Play'}
          </button>
          <button
            type="button"
            className="button scene-step"
            aria-label="One frame forward"
            onClick={() => player?.stepFrame(1)}
          >
            ▶
          </button>
        </div>
        <span className="scene-time" aria-label="Playhead">
          {formatPlayerTime(playhead.time)}
        </span>
        {children}
      </div>
    </div>
  );
}
