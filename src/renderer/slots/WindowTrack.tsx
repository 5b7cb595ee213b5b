// A slot's scene as a strip of frames with the slot's window on it as a block a finger drags; tapping the
// strip elsewhere centres the window there, and the marked moments below it centre the window on themselves.
import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Clip, TimeRange } from '../../shared/edit-math';
import type { SegmentView } from '../../shared/segments';
import {
  centreWindowOn,
  dragWindowStart,
  formatSeconds,
  nudgeWindow,
  timeAtX,
  trackFraction,
} from './window-math';

interface WindowTrackProps {
  slotNumber: number;
  /** The stretch of the scene clock the track shows (the slot's angle's footage). */
  track: TimeRange;
  /** Where the window may go (the same footage, or null when there is none). */
  range: TimeRange | null;
  window: Clip;
  stripUrl: string | null;
  /** Where the strip image lies on the track, in percent. */
  strip: { left: number; width: number } | null;
  segments: readonly SegmentView[];
  /** Read-only flight, or a seamless slot that follows its partner. */
  locked: boolean;
  /** While the finger moves: the window as it would be. */
  onDraft(window: Clip | null): void;
  /** Finger lifted, key pressed or moment tapped: save this window. */
  onCommit(window: Clip): void;
}

interface Grab {
  pointerId: number;
  x: number;
  window: Clip;
}

export function WindowTrack(props: WindowTrackProps) {
  const { track, range, window, locked, onDraft, onCommit } = props;
  const grab = useRef<Grab | null>(null);
  const [draft, setDraft] = useState<Clip | null>(null);
  // The latest draft for the release handler, which may run before React has rendered the last move.
  const latest = useRef<Clip | null>(null);
  const [stripFailed, setStripFailed] = useState<string | null>(null);
  const shown = draft ?? window;

  const update = (next: Clip | null) => {
    latest.current = next;
    setDraft(next);
    onDraft(next);
  };

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (locked || grab.current) return;
    const box = event.currentTarget.getBoundingClientRect();
    const onBlock = (event.target as HTMLElement).closest('.slot-window') !== null;
    // Tapping beside the window first centres it under the finger, then the same touch drags it on.
    const start = onBlock
      ? window
      : centreWindowOn(timeAtX(event.clientX - box.left, box.width, track), window.duration, range);
    event.currentTarget.setPointerCapture(event.pointerId);
    grab.current = { pointerId: event.pointerId, x: event.clientX, window: start };
    update(start);
  };

  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const held = grab.current;
    if (!held || held.pointerId !== event.pointerId) return;
    const width = event.currentTarget.getBoundingClientRect().width;
    const start = dragWindowStart(held.window, event.clientX - held.x, width, track, range);
    update({ start, duration: held.window.duration });
  };

  const release = (event: PointerEvent<HTMLDivElement>, keep: boolean) => {
    const held = grab.current;
    if (!held || held.pointerId !== event.pointerId) return;
    grab.current = null;
    const final = latest.current;
    update(null);
    if (keep && final) onCommit(final);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (locked) return;
    const step = event.shiftKey ? 1 : 0.1;
    if (event.key === 'ArrowLeft') onCommit(nudgeWindow(window, -step, range));
    else if (event.key === 'ArrowRight') onCommit(nudgeWindow(window, step, range));
    else return;
    event.preventDefault();
  };

  const left = trackFraction(shown.start, track) * 100;
  const width =
    (trackFraction(shown.start + shown.duration, track) - trackFraction(shown.start, track)) * 100;
  const stripLoads = props.stripUrl !== null && props.strip !== null && stripFailed !== props.stripUrl;
  return (
    <div className="slot-track-area">
      <div
        className={locked ? 'slot-track is-locked' : 'slot-track'}
        data-testid="slot-track"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={(event) => release(event, true)}
        onPointerCancel={(event) => release(event, false)}
      >
        {stripLoads && (
          <img
            className="slot-strip"
            src={props.stripUrl ?? undefined}
            alt=""
            draggable={false}
            style={{ left: `${props.strip?.left}%`, width: `${props.strip?.width}%` }}
            onError={() => setStripFailed(props.stripUrl)}
          />
        )}
        <span className="slot-track-time slot-track-from">{formatSeconds(track.start)}</span>
        <span className="slot-track-time slot-track-to">{formatSeconds(track.end)}</span>
        <div
          className={draft ? 'slot-window is-dragging' : 'slot-window'}
          role="slider"
          tabIndex={locked ? -1 : 0}
          aria-label={`Window of slot ${props.slotNumber}`}
          aria-valuemin={track.start}
          aria-valuemax={track.end}
          aria-valuenow={shown.start}
          aria-valuetext={`${formatSeconds(shown.start)} to ${formatSeconds(shown.start + shown.duration)}`}
          aria-disabled={locked}
          style={{ left: `${left}%`, width: `${width}%` }}
          onKeyDown={onKeyDown}
        />
      </div>
      <div className="slot-marks" aria-label="Marked moments">
        {props.segments.length === 0 && (
          <span className="slot-marks-empty">No moments marked in this scene yet.</span>
        )}
        {props.segments.map((segment) => {
          const from = trackFraction(segment.startTime, track) * 100;
          const to = trackFraction(segment.startTime + segment.duration, track) * 100;
          return (
            <button
              key={segment.id}
              type="button"
              className={`slot-mark slot-mark-camera${segment.cameraAngle}`}
              style={{ left: `${from}%`, width: `${Math.max(to - from, 0)}%` }}
              disabled={locked}
              aria-label={`Centre on moment ${segment.segmentNumber} (${formatSeconds(segment.startTime)})`}
              onClick={() =>
                onCommit(centreWindowOn(segment.startTime + segment.duration / 2, window.duration, range))
              }
            >
              {segment.segmentNumber}
            </button>
          );
        })}
      </div>
    </div>
  );
}
