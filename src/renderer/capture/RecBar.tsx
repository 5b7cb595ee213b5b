// A take keeps recording when the crew walk to another screen (it lives in the capture store), so every other
// screen, and the lock, carries a red strip saying what is being filmed, for how long, and the way back to it.
import { useEffect, useState } from 'react';
import './rec-bar.css';
import { formatElapsedSeconds } from '../format';
import { navigate, useRoute, useRouteParam } from '../shell/route';
import { useTakeInProgress, type TakeInProgress } from './scenes';
import { SCENE_LABELS, useCaptureStore } from './store';

/** Where the strip's time goes: the countdown, then the time filmed (ticking), held while the take is saved. */
function useTakeClock(take: TakeInProgress): string {
  const countdown = useCaptureStore((state) => state.countdown);
  const recorder = useCaptureStore((state) => state.take);
  const [elapsed, setElapsed] = useState(0);
  const recording = take.phase === 'recording';
  useEffect(() => {
    if (!recording || !recorder) return;
    const tick = () => setElapsed(recorder.elapsedSeconds());
    tick();
    const timer = setInterval(tick, 250);
    return () => clearInterval(timer);
  }, [recording, recorder]);
  return take.phase === 'countdown' ? `starts in ${countdown}` : formatElapsedSeconds(elapsed);
}

/**
 * The strip under the tab bar. Hidden on the filming screen of the take's own flight, which shows the take
 * itself. `locked`: drawn on the lock screen, where the filming screen is out of sight and a tap could not
 * reach it until the PIN is in, so it always shows and offers no button.
 */
export function RecBar({ locked = false }: { locked?: boolean }) {
  const take = useTakeInProgress();
  const route = useRoute();
  const routeParam = useRouteParam();
  if (!take) return null;
  if (!locked && route === 'capture' && routeParam === take.recordingId) return null;
  return <RecStrip take={take} locked={locked} />;
}

function RecStrip({ take, locked }: { take: TakeInProgress; locked: boolean }) {
  const clock = useTakeClock(take);
  const scene = SCENE_LABELS[take.sceneType];
  const word = take.phase === 'stopping' ? 'Saving' : 'REC';
  return (
    <div
      className={locked ? 'rec-bar rec-bar-locked' : 'rec-bar'}
      role="status"
      aria-label={`Filming ${scene} of ${take.passengerNames}`}
    >
      <p className="rec-bar-text">
        <span className="rec-bar-word">
          <span className="rec-bar-dot" aria-hidden="true">
            ●
          </span>{' '}
          {word}
        </span>
        <span className="rec-bar-sep" aria-hidden="true">
          {' · '}
        </span>
        <span className="rec-bar-scene">{scene}</span>
        <span className="rec-bar-sep" aria-hidden="true">
          {' · '}
        </span>
        <span className="rec-bar-names">{take.passengerNames}</span>
        <span className="rec-bar-sep" aria-hidden="true">
          {' · '}
        </span>
        {/* A timer is not read out at every tick; the strip's name says what is filmed. */}
        <span className="rec-bar-time" role="timer" aria-label="Time filmed">
          {clock}
        </span>
      </p>
      {!locked && (
        <button
          type="button"
          className="button rec-bar-back"
          onClick={() => navigate('capture', take.recordingId)}
        >
          Back to filming
        </button>
      )}
    </div>
  );
}

/** A flight row's mark for a flight with a take in progress, in the same red as the strip. */
export function FilmingChip() {
  return (
    <span className="chip chip-filming">
      <span aria-hidden="true">● </span>Filming
    </span>
  );
}
