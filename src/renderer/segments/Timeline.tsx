// The scene's timeline: a ruler to scrub, and a lane per camera with its thumbnail strip where its footage lies
// and the segments filmed from that angle. One pointer handler per lane decides (timeline.ts hitTest) whether a
// finger took a segment, one of the selected segment's edges, or empty footage (which seeks); the pointer is
// captured, so a drag keeps going when the finger leaves the lane.
import { useLayoutEffect, useRef, type PointerEvent as ReactPointerEvent } from 'react';
import type { Angle, SceneFootage } from '../../shared/edit-math';
import type { EditorScene } from '../../shared/editor';
import { formatPlayerTime } from '../components/scene-sync';
import { useWidth } from '../components/useWidth';
import type { DraftSegment } from './drafts';
import { Footage, SegmentBlock } from './TimelineLane';
import {
  TAP_SLOP_PX,
  blockOf,
  dragSegment,
  hitTest,
  percentOf,
  pxToTime,
  rulerTicks,
  secondsPerPx,
  snapTime,
  type DragPart,
} from './timeline';

interface TimelineProps {
  scene: EditorScene;
  footage: SceneFootage;
  /** Seconds the timeline shows (sceneLength). */
  length: number;
  drafts: readonly DraftSegment[];
  numbers: ReadonlyMap<string, number>;
  selectedKey: string | null;
  lane: Angle;
  playhead: number;
  readOnly: boolean;
  onSeek(sceneTime: number): void;
  onSelect(key: string | null, lane: Angle): void;
  /** A drag moved a segment; every change of one drag carries the same group. */
  onChange(next: DraftSegment[], group: string): void;
}

type Gesture =
  | { kind: 'scrub' }
  | {
      kind: 'segment';
      key: string;
      part: DragPart;
      startX: number;
      width: number;
      original: DraftSegment;
      group: string;
      moved: boolean;
    };

let gestures = 0;

/** The 4 px playhead line at `percent` of the lane, kept inside it at 0:00 and at the end (at most 2 px off). */
const playheadLeft = (percent: number) => `calc(${percent}% - ${(percent * 4) / 100}px)`;

export function Timeline(props: TimelineProps) {
  const { scene, footage, length, drafts, numbers, selectedKey, lane, playhead, readOnly } = props;
  const [tracks, width] = useWidth<HTMLDivElement>();
  const gesture = useRef<Gesture | null>(null);
  // Handlers read the newest props: a drag spans many renders.
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });

  const seekAt = (element: HTMLElement, clientX: number) => {
    const rect = element.getBoundingClientRect();
    latest.current.onSeek(snapTime(pxToTime(clientX - rect.left, { length, width: rect.width })));
  };

  const onRulerDown = (event: ReactPointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    gesture.current = { kind: 'scrub' };
    seekAt(event.currentTarget, event.clientX);
  };

  const onLaneDown = (angle: Angle) => (event: ReactPointerEvent<HTMLDivElement>) => {
    const element = event.currentTarget;
    element.setPointerCapture(event.pointerId);
    const rect = element.getBoundingClientRect();
    const scale = { length, width: rect.width };
    const inLane = latest.current.drafts.filter((draft) => draft.cameraAngle === angle);
    const hit = hitTest(
      event.clientX - rect.left,
      inLane.map((draft) => blockOf(draft.key, draft, scale)),
      latest.current.selectedKey,
    );
    const original = hit ? inLane.find((draft) => draft.key === hit.key) : undefined;
    if (!hit || !original) {
      gesture.current = { kind: 'scrub' };
      latest.current.onSelect(null, angle);
      seekAt(element, event.clientX);
      return;
    }
    latest.current.onSelect(hit.key, angle);
    gesture.current = {
      kind: 'segment',
      key: hit.key,
      part: hit.part,
      startX: event.clientX,
      width: rect.width,
      original,
      group: `drag-${++gestures}`,
      moved: false,
    };
  };

  const onMove = (event: ReactPointerEvent<HTMLDivElement>) => {
    const now = gesture.current;
    if (!now || !event.currentTarget.hasPointerCapture(event.pointerId)) return;
    if (now.kind === 'scrub') {
      seekAt(event.currentTarget, event.clientX);
      return;
    }
    const dx = event.clientX - now.startX;
    if (readOnly || (!now.moved && Math.abs(dx) < TAP_SLOP_PX)) return;
    now.moved = true;
    const moved = dragSegment(
      now.original,
      now.part,
      dx * secondsPerPx({ length, width: now.width }),
      latest.current.footage,
    );
    const next = latest.current.drafts.map((draft) => (draft.key === now.key ? moved : draft));
    latest.current.onChange(next, now.group);
  };

  const onUp = () => {
    gesture.current = null;
  };

  const scale = { length, width };
  const ticks = rulerTicks(scale);
  return (
    <div className="timeline">
      <div className="timeline-labels">
        <span className="timeline-corner" />
        {([1, 2] as const).map((angle) => (
          <button
            key={angle}
            type="button"
            className={angle === lane ? 'timeline-lane-label selected' : 'timeline-lane-label'}
            aria-pressed={angle === lane}
            aria-label={`Camera ${angle} lane`}
            onClick={() => props.onSelect(null, angle)}
          >
            Camera {angle}
            <span>{angle === 1 ? scene.camera1Source : scene.camera2Source}</span>
          </button>
        ))}
      </div>
      <div className="timeline-tracks" ref={tracks}>
        <div
          className="timeline-ruler"
          aria-label="Scene time: tap or drag to move the playhead"
          onPointerDown={onRulerDown}
          onPointerMove={onMove}
          onPointerUp={onUp}
          onPointerCancel={onUp}
        >
          {ticks.map((tick) => (
            <span
              key={tick}
              // The label of a tick at the very end sits before its line, or it would be cut off.
              className={percentOf(tick, length) > 96 ? 'timeline-tick timeline-tick-last' : 'timeline-tick'}
              style={{ left: `${percentOf(tick, length)}%` }}
            >
              {formatPlayerTime(tick).replace(/\.0$/, '')}
            </span>
          ))}
        </div>
        {([1, 2] as const).map((angle) => (
          <div
            key={angle}
            className={angle === lane ? 'timeline-lane selected' : 'timeline-lane'}
            data-angle={angle}
            onPointerDown={onLaneDown(angle)}
            onPointerMove={onMove}
            onPointerUp={onUp}
            onPointerCancel={onUp}
          >
            <Footage scene={scene} footage={footage} angle={angle} length={length} />
            {drafts
              .filter((draft) => draft.cameraAngle === angle)
              .map((draft) => (
                <SegmentBlock
                  key={draft.key}
                  draft={draft}
                  number={numbers.get(draft.key) ?? 0}
                  length={length}
                  selected={draft.key === selectedKey}
                  readOnly={readOnly}
                  onSelect={() => props.onSelect(draft.key, angle)}
                />
              ))}
          </div>
        ))}
        <div
          className="timeline-playhead"
          style={{ left: playheadLeft(percentOf(Math.min(playhead, length), length)) }}
          aria-hidden="true"
        />
      </div>
    </div>
  );
}
