// One scene's angles played in step by a ReviewPlayer, for the review screen and the segment editor. The
// playhead is on the scene clock (camera 1's); when only camera 2 filmed, its own clock is shifted by the offset
// to get there.
import { useEffect, useRef, useState } from 'react';
import type { CameraNumber, SceneView } from '../../shared/capture';
import { ReviewPlayer, type PlayerSnapshot } from './scene-player';
import { timelineLength } from './scene-sync';

export interface Playhead {
  /** Scene-clock seconds. */
  time: number;
  playing: boolean;
  seek(sceneTime: number): void;
}

export const urlOf = (scene: SceneView, camera: CameraNumber) =>
  camera === 1 ? scene.camera1Url : scene.camera2Url;

/** Runs a ReviewPlayer over the scene's videos; returns the playhead and a ref setter for each video. */
export function useScenePlayer(scene: SceneView) {
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
