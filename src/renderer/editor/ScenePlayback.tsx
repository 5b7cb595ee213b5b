// The scene's two angles, small and side by side, played in step by the review player, with play and frame
// step beside them. The playhead is on the scene clock (camera 1's); when only camera 2 filmed, its own clock is
// shifted by the offset to get there.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { CameraNumber } from '../../shared/capture';
import type { EditorScene } from '../../shared/editing';
import { ReviewPlayer, type PlayerSnapshot } from '../review/player';
import { formatPlayerTime, timelineLength } from '../review/sync';
import { cameraName } from '../stores/capture';

export interface Playhead {
  /** Scene-clock seconds. */
  time: number;
  playing: boolean;
  seek(sceneTime: number): void;
}

const urlOf = (scene: EditorScene, camera: CameraNumber) =>
  camera === 1 ? scene.camera1Url : scene.camera2Url;

/** Runs a ReviewPlayer over the scene's videos; returns the playhead and a ref setter for each video. */
export function useScenePlayer(scene: EditorScene) {
  const cameras = ([1, 2] as const).filter((camera) => urlOf(scene, camera) !== null);
  const refs = useRef<Partial<Record<CameraNumber, HTMLVideoElement | null>>>({});
  const [player, setPlayer] = useState<ReviewPlayer | null>(null);
  const [state, setState] = useState<PlayerSnapshot>({
    playing: false,
    time: 0,
    length: timelineLength(scene.camera1Duration, scene.camera2Duration),
    rate: 1,
  });
  const leadCamera = cameras[0];
  // Leader time → scene time: camera 2 leads only when camera 1 has no footage.
  const shift = leadCamera === 2 ? (scene.offsetMs ?? 0) / 1000 : 0;

  useEffect(() => {
    const [lead, follow] = cameras;
    const leader = lead ? refs.current[lead] : null;
    if (!leader || !lead) return;
    const duration = (camera: CameraNumber) => (camera === 1 ? scene.camera1Duration : scene.camera2Duration);
    const created = new ReviewPlayer(
      {
        leader,
        leaderDuration: duration(lead),
        follower: follow ? (refs.current[follow] ?? null) : null,
        followerDuration: follow ? duration(follow) : null,
        offsetMs: scene.offsetMs,
      },
      setState,
    );
    setPlayer(created);
    return () => created.dispose();
    // One player per scene: the editor is keyed by the scene's id.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const playhead: Playhead = {
    time: state.time + shift,
    playing: state.playing,
    seek: (sceneTime) => player?.seek(sceneTime - shift),
  };
  return { cameras, refs, player, state, playhead };
}

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
