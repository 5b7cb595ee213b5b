// "Play the whole video": the eight windows in slot order, as the export will cut them, without exporting.
// A bar of eight parts shows which slot is playing and how far the whole video has got.
import { useEffect, useRef, useState } from 'react';
import type { EditorScene } from '../../shared/editor';
import { SCENE_LABELS, cameraName } from '../capture/store';
import type { PlayStep } from './sequence';
import { SequencePlayer, type SequenceSnapshot } from './sequence-player';
import { formatSeconds } from './window-math';
import { plural } from '../format';

interface SequencePreviewProps {
  steps: readonly PlayStep[];
  scenes: readonly EditorScene[];
  onSlotChange(slotNumber: number | null): void;
  onClose(): void;
}

export function SequencePreview({ steps, scenes, onSlotChange, onClose }: SequencePreviewProps) {
  const first = useRef<HTMLVideoElement>(null);
  const second = useRef<HTMLVideoElement>(null);
  const [player, setPlayer] = useState<SequencePlayer | null>(null);
  const [snapshot, setSnapshot] = useState<SequenceSnapshot>({
    state: 'loading',
    index: -1,
    slotNumber: null,
    time: 0,
    length: steps.reduce((total, step) => total + step.duration, 0),
    message: null,
  });

  useEffect(() => {
    if (!first.current || !second.current) return;
    const created = new SequencePlayer([first.current, second.current], steps, setSnapshot);
    setPlayer(created);
    void created.start();
    return () => created.dispose();
    // One run per opening: the steps are fixed when the preview opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    onSlotChange(snapshot.state === 'finished' ? null : snapshot.slotNumber);
  }, [snapshot.slotNumber, snapshot.state, onSlotChange]);

  const step = steps[snapshot.index];
  const scene = scenes.find((s) => s.id === step?.sceneId);
  const source = step && scene ? (step.cameraAngle === 1 ? scene.camera1Source : scene.camera2Source) : '';
  const position = steps.findIndex((s) => s.slotNumber === snapshot.slotNumber) + 1;
  const finished = snapshot.state === 'finished';
  return (
    <section className="sequence-preview" aria-label="Whole video preview">
      <div className="sequence-stage">
        <video ref={first} className="sequence-video" playsInline preload="auto" muted />
        <video ref={second} className="sequence-video" playsInline preload="auto" muted />
        {snapshot.state === 'loading' && <p className="sequence-stage-note">Loading the first slot…</p>}
        {finished && <p className="sequence-stage-note">Played all {plural(steps.length, 'slot')}.</p>}
      </div>
      <div className="sequence-side">
        <p className="sequence-now" role="status">
          {finished
            ? `Played all ${plural(steps.length, 'slot')}`
            : step
              ? `Slot ${step.slotNumber} of ${steps.length}`
              : 'Starting…'}
        </p>
        {step && scene && !finished && (
          <p className="sequence-what">
            {SCENE_LABELS[scene.sceneType]} · {cameraName(step.cameraAngle, source)}
          </p>
        )}
        <p className="sequence-time">
          {formatSeconds(snapshot.time)} of {formatSeconds(snapshot.length)}
        </p>
        {snapshot.message && <p className="inline-error">{snapshot.message}</p>}
        <div className="sequence-buttons">
          {snapshot.state === 'playing' ? (
            <button type="button" className="button button-primary" onClick={() => player?.pause()}>
              Pause
            </button>
          ) : (
            <button
              type="button"
              className="button button-primary"
              disabled={snapshot.state === 'loading'}
              onClick={() => void player?.resume()}
            >
              {finished ? 'Play again' : 'Play'}
            </button>
          )}
          <button type="button" className="button" onClick={onClose}>
            Stop
          </button>
        </div>
      </div>
      <div
        className="sequence-bar"
        data-testid="sequence-bar"
        data-slot={finished ? 'done' : (snapshot.slotNumber ?? '')}
        role="progressbar"
        aria-label="Whole video"
        aria-valuemin={0}
        aria-valuemax={snapshot.length}
        aria-valuenow={snapshot.time}
        aria-valuetext={finished ? 'Finished' : `Slot ${position} of ${steps.length}`}
      >
        {steps.map((s, i) => {
          const played = finished
            ? 1
            : i < snapshot.index
              ? 1
              : i === snapshot.index
                ? Math.min(Math.max((snapshot.time - s.sequenceStart) / s.duration, 0), 1)
                : 0;
          return (
            <div
              key={s.slotNumber}
              className={[
                'sequence-part',
                i === snapshot.index && !finished ? 'is-current' : '',
                s.url ? '' : 'is-missing',
              ].join(' ')}
              style={{ flexGrow: s.duration }}
            >
              <div className="sequence-fill" style={{ width: `${played * 100}%` }} />
              <span className="sequence-part-label">
                {s.url ? s.slotNumber : `${s.slotNumber} no footage`}
              </span>
            </div>
          );
        })}
      </div>
    </section>
  );
}
