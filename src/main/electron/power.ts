// The kiosk's display stays on while MagnumStream runs: crew and customers walk up to it, nobody is there to wake
// it. Only the display: the computer's own power settings (a lid, a shutdown) are left alone.
import type { App, PowerSaveBlocker } from 'electron';
import type { Logger } from 'pino';

export interface DisplayAwakeOptions {
  app: App;
  powerSaveBlocker: PowerSaveBlocker;
  logger: () => Logger | undefined;
}

/** Starts the blocker now and stops it when the app quits; returns the stop, which is safe to call twice. */
export function keepDisplayAwake({ app, powerSaveBlocker, logger }: DisplayAwakeOptions): () => void {
  let id: number | undefined;
  try {
    id = powerSaveBlocker.start('prevent-display-sleep');
    logger()?.info('the display is kept awake while MagnumStream runs');
  } catch (error) {
    // A desktop without a power service (a bare X session) must not keep the kiosk from starting.
    logger()?.warn({ err: error }, 'the display could not be kept awake; it may go dark when idle');
  }
  const stop = () => {
    if (id === undefined) return;
    if (powerSaveBlocker.isStarted(id)) powerSaveBlocker.stop(id);
    id = undefined;
  };
  app.once('will-quit', stop);
  return stop;
}
