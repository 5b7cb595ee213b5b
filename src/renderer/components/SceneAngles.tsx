// The parts both scene players are made of, the review screen's and the segment editor's: each filmed angle's
// video with its caption, and the frame back / play / frame forward buttons. Each screen lays them out its
// own way and gives them its own look (the class names and the step buttons' text).
import type { CameraNumber, SceneView } from '../../shared/capture';
import { cameraName } from '../capture/store';
import { urlOf, type useScenePlayer } from './useScenePlayer';

type ScenePlayerRun = ReturnType<typeof useScenePlayer>;

export interface PlayerLook {
  angle: string;
  video: string;
  caption: string;
  step: string;
  play: string;
  /** What the frame step buttons say; they are labelled "One frame back" and "One frame forward". */
  back: string;
  forward: string;
}

const sourceOf = (scene: SceneView, camera: CameraNumber) =>
  camera === 1 ? scene.camera1Source : scene.camera2Source;

/** The name of the camera as the captions say it: "Camera 1 — front". */
export const angleName = (scene: SceneView, camera: CameraNumber) =>
  cameraName(camera, sourceOf(scene, camera));

interface SceneAnglesProps {
  scene: SceneView;
  run: ScenePlayerRun;
  look: PlayerLook;
  /** The angle shown large, where one is (the other is then small). */
  large?: CameraNumber;
}

/** One figure per filmed angle; a tap on a video plays or pauses both. */
export function SceneAngles({ scene, run, look, large }: SceneAnglesProps) {
  const { cameras, refs, player } = run;
  const sizeOf = (camera: CameraNumber) =>
    large === undefined ? '' : camera === large ? ' is-large' : ' is-small';
  return (
    <>
      {cameras.map((camera) => (
        <figure key={camera} className={look.angle + sizeOf(camera)}>
          <video
            ref={(element) => {
              refs.current[camera] = element;
            }}
            className={look.video}
            data-camera={camera}
            src={urlOf(scene, camera) ?? undefined}
            preload="auto"
            playsInline
            muted={camera !== cameras[0]}
            onClick={() => player?.togglePlay()}
          />
          <figcaption className={look.caption}>{angleName(scene, camera)}</figcaption>
        </figure>
      ))}
    </>
  );
}

/** Frame back, play or pause, frame forward: they act on both angles at once. */
export function FrameButtons({ run, look }: { run: ScenePlayerRun; look: PlayerLook }) {
  const { player, state } = run;
  return (
    <>
      <button
        type="button"
        className={`button ${look.step}`}
        aria-label="One frame back"
        onClick={() => player?.stepFrame(-1)}
      >
        {look.back}
      </button>
      <button
        type="button"
        className={`button button-primary ${look.play}`}
        onClick={() => player?.togglePlay()}
      >
        {state.playing ? 'Pause' : 'Play'}
      </button>
      <button
        type="button"
        className={`button ${look.step}`}
        aria-label="One frame forward"
        onClick={() => player?.stepFrame(1)}
      >
        {look.forward}
      </button>
    </>
  );
}
