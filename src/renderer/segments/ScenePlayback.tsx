// The scene's two angles, small and side by side, played in step by the review player, with play and frame
// step beside them.
import type { ReactNode } from 'react';
import type { EditorScene } from '../../shared/editor';
import { formatPlayerTime } from '../components/scene-sync';
import { FrameButtons, SceneAngles, type PlayerLook } from '../components/SceneAngles';
import type { useScenePlayer } from '../components/useScenePlayer';

const EDITOR_LOOK: PlayerLook = {
  angle: 'scene-angle',
  video: 'scene-video',
  caption: 'scene-caption',
  step: 'scene-step',
  play: 'scene-play',
  back: '◀',
  forward: '▶',
};

interface ScenePlaybackProps {
  scene: EditorScene;
  run: ReturnType<typeof useScenePlayer>;
  /** Shown under the transport (the autosave status). */
  children?: ReactNode;
}

export function ScenePlayback({ scene, run, children }: ScenePlaybackProps) {
  return (
    <div className="scene-playback">
      <SceneAngles scene={scene} run={run} look={EDITOR_LOOK} />
      <div className="scene-transport">
        <div className="scene-transport-row">
          <FrameButtons run={run} look={EDITOR_LOOK} />
        </div>
        <span className="scene-time" aria-label="Playhead">
          {formatPlayerTime(run.playhead.time)}
        </span>
        {children}
      </div>
    </div>
  );
}
