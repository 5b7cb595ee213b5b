// One slot's window: the chosen angle playing that window in a loop, its length and position by buttons, and
// the scene strip to drag it along. A seamless slot follows the slot before it, so only its length is its own.
import { useEffect, useRef, useState } from 'react';
import {
  MAX_SLOT_SECONDS,
  MIN_CLIP_SECONDS,
  angleRange,
  fileTimeAt,
  type Clip,
  type SlotEdit,
  type SlotPlan,
} from '../../shared/edit-math';
import type { EditorScene } from '../../shared/editor';
import { SCENE_LABELS, cameraName } from '../capture/store';
import { loopSeekTarget } from './sequence';
import { WindowTrack } from './WindowTrack';
import {
  NUDGES,
  footageOf,
  formatSeconds,
  formatWindow,
  nudgeWindow,
  stepDuration,
  stripPlacement,
  trackFor,
} from './window-math';

interface WindowPickerProps {
  slot: SlotPlan;
  scene: EditorScene;
  readOnly: boolean;
  onEdit(edit: SlotEdit): void;
}

const nudgeLabel = (delta: number) => `${delta > 0 ? '+' : '−'}${Math.abs(delta)} s`;

export function WindowPicker({ slot, scene, readOnly, onEdit }: WindowPickerProps) {
  const footage = footageOf(scene);
  const angle = slot.cameraAngle;
  const range = angleRange(footage, angle);
  const track = trackFor(footage, angle);
  const follower = slot.seamlessWithPrevious;
  const [draft, setDraft] = useState<Clip | null>(null);
  const window: Clip = draft ?? { start: slot.windowStart, duration: slot.slotDuration };
  const url = angle === 1 ? scene.camera1Url : scene.camera2Url;
  const source = angle === 1 ? scene.camera1Source : scene.camera2Source;

  const commit = (clip: Clip) =>
    onEdit({ slotNumber: slot.slotNumber, windowStart: clip.start, slotDuration: clip.duration });

  return (
    <div className="slot-picker">
      <div className="slot-picker-main">
        <LoopingPreview
          url={url}
          camera={angle}
          fileStart={Math.max(0, fileTimeAt(window.start, angle, footage.offsetMs))}
          fileEnd={Math.max(0, fileTimeAt(window.start + window.duration, angle, footage.offsetMs))}
          caption={cameraName(angle, source)}
        />
        <div className="slot-picker-controls">
          <h2 className="slot-picker-title">
            Slot {slot.slotNumber} · {SCENE_LABELS[scene.sceneType]} · {cameraName(angle, source)}
          </h2>
          <p className="slot-picker-window" data-testid="slot-window-text">
            {formatWindow(window.start, window.duration)}
          </p>
          <div className="slot-picker-row" role="group" aria-label="Length">
            <span className="slot-picker-label">Length</span>
            <button
              type="button"
              className="button slot-small-button"
              aria-label="Shorter by 0.5 s"
              disabled={readOnly || window.duration <= MIN_CLIP_SECONDS}
              onClick={() => commit(stepDuration(window, -1, range))}
            >
              −
            </button>
            <span className="slot-picker-length" data-testid="slot-length">
              {formatSeconds(window.duration)}
            </span>
            <button
              type="button"
              className="button slot-small-button"
              aria-label="Longer by 0.5 s"
              disabled={readOnly || window.duration >= MAX_SLOT_SECONDS}
              onClick={() => commit(stepDuration(window, 1, range))}
            >
              +
            </button>
          </div>
          {follower ? (
            <p className="slot-seamless-note">
              Seamless: starts where slot {slot.slotNumber - 1} ends, on the other camera. Move slot{' '}
              {slot.slotNumber - 1} to move this one.
            </p>
          ) : (
            <div className="slot-picker-row" role="group" aria-label="Move the window">
              <span className="slot-picker-label">Move</span>
              {NUDGES.map((delta) => (
                <button
                  key={delta}
                  type="button"
                  className="button slot-small-button"
                  aria-label={`Move ${Math.abs(delta)} s ${delta < 0 ? 'earlier' : 'later'}`}
                  disabled={readOnly}
                  onClick={() => commit(nudgeWindow(window, delta, range))}
                >
                  {nudgeLabel(delta)}
                </button>
              ))}
            </div>
          )}
        </div>
      </div>
      <WindowTrack
        slotNumber={slot.slotNumber}
        track={track}
        range={range}
        window={window}
        stripUrl={angle === 1 ? scene.camera1StripUrl : scene.camera2StripUrl}
        strip={stripPlacement(footage, angle, track)}
        segments={scene.segments}
        locked={readOnly || follower}
        onDraft={setDraft}
        onCommit={commit}
      />
    </div>
  );
}

interface LoopingPreviewProps {
  url: string | null;
  camera: 1 | 2;
  /** The window in this camera's own file (offset applied). */
  fileStart: number;
  fileEnd: number;
  caption: string;
}

/** The window playing round and round; it jumps to the window's start whenever the window moves. */
function LoopingPreview({ url, camera, fileStart, fileEnd, caption }: LoopingPreviewProps) {
  const ref = useRef<HTMLVideoElement>(null);
  const [playing, setPlaying] = useState(true);

  useEffect(() => {
    const video = ref.current;
    if (video) video.currentTime = fileStart;
  }, [fileStart, url]);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    let frame = requestAnimationFrame(function loop() {
      frame = requestAnimationFrame(loop);
      if (video.seeking) return;
      const target = loopSeekTarget(video.currentTime, fileStart, fileEnd);
      if (target !== null) video.currentTime = target;
    });
    return () => cancelAnimationFrame(frame);
  }, [fileStart, fileEnd]);

  useEffect(() => {
    const video = ref.current;
    if (!video) return;
    if (playing) video.play().catch(() => setPlaying(false));
    else video.pause();
  }, [playing, url]);

  if (!url) {
    return (
      <div className="slot-preview slot-preview-empty">
        <p>{caption} filmed nothing in this scene.</p>
      </div>
    );
  }
  return (
    <figure className="slot-preview">
      <video
        ref={ref}
        className="slot-preview-video"
        data-camera={camera}
        data-file-start={fileStart}
        src={url}
        preload="auto"
        muted
        playsInline
        onClick={() => setPlaying((now) => !now)}
      />
      <figcaption className="slot-preview-caption">{caption}</figcaption>
      <button type="button" className="button slot-preview-toggle" onClick={() => setPlaying((now) => !now)}>
        {playing ? 'Pause preview' : 'Play preview'}
      </button>
    </figure>
  );
}
