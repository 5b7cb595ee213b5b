// What a camera's lane on the timeline shows: where its footage lies, with its thumbnail strip, and the
// segments filmed from that angle. The lane itself, with its pointer handling, is the Timeline's.
import { useState } from 'react';
import { angleRange, type Angle, type SceneFootage } from '../../shared/edit-math';
import type { EditorScene } from '../../shared/editor';
import { formatPlayerTime } from '../components/scene-sync';
import type { DraftSegment } from './drafts';
import { percentOf } from './timeline';

/** The camera's footage on the timeline: its strip of thumbnails, or a plain track until there is one. */
export function Footage({
  scene,
  footage,
  angle,
  length,
}: {
  scene: EditorScene;
  footage: SceneFootage;
  angle: Angle;
  length: number;
}) {
  const [broken, setBroken] = useState(false);
  const range = angleRange(footage, angle);
  if (!range) return <span className="timeline-empty">Camera {angle} filmed nothing in this scene</span>;
  const strip = angle === 1 ? scene.camera1StripUrl : scene.camera2StripUrl;
  // The strip covers the camera's whole file, which for camera 2 starts at the offset (maybe before 0).
  const fileStart = angle === 1 ? 0 : (footage.offsetMs ?? 0) / 1000;
  const fileLength = (angle === 1 ? footage.camera1Duration : footage.camera2Duration) ?? 0;
  return (
    <>
      <div
        className="timeline-footage"
        style={{
          left: `${percentOf(range.start, length)}%`,
          width: `${percentOf(range.end - range.start, length)}%`,
        }}
      />
      {strip && !broken && (
        <img
          className="timeline-strip"
          src={strip}
          alt=""
          draggable={false}
          onError={() => setBroken(true)}
          style={{ left: `${percentOf(fileStart, length)}%`, width: `${percentOf(fileLength, length)}%` }}
        />
      )}
    </>
  );
}

export function SegmentBlock({
  draft,
  number,
  length,
  selected,
  readOnly,
  onSelect,
}: {
  draft: DraftSegment;
  number: number;
  length: number;
  selected: boolean;
  readOnly: boolean;
  onSelect(): void;
}) {
  const end = draft.startTime + draft.duration;
  return (
    <div
      className={selected ? 'timeline-segment selected' : 'timeline-segment'}
      role="button"
      tabIndex={0}
      aria-pressed={selected}
      aria-label={`Segment ${number}, camera ${draft.cameraAngle}, ${formatPlayerTime(draft.startTime)} to ${formatPlayerTime(end)}`}
      data-key={draft.key}
      data-number={number}
      style={{
        left: `${percentOf(draft.startTime, length)}%`,
        width: `${percentOf(draft.duration, length)}%`,
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') onSelect();
      }}
    >
      <span className="timeline-segment-number">{number}</span>
      {selected && !readOnly && (
        <>
          <span className="timeline-handle timeline-handle-start" data-handle="start" />
          <span className="timeline-handle timeline-handle-end" data-handle="end" />
        </>
      )}
    </div>
  );
}
