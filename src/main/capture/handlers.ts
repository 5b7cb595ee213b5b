import { AppFailure } from '../errors';
import type { Handlers } from '../ipc/dispatch';
import type { CaptureService } from './service';

const NO_CAPTURE = 'Recording is not available on this kiosk host. Restart the kiosk app.';

export type CaptureHandlers = Pick<
  Handlers,
  | 'capture.start'
  | 'capture.chunk'
  | 'capture.cameraLost'
  | 'capture.resume'
  | 'capture.stop'
  | 'capture.discard'
  | 'capture.recoveries'
  | 'capture.acknowledgeRecoveries'
>;

/** Without a capture service (a host started without a data folder, some tests) the channels say so. */
export function captureHandlers(service: CaptureService | undefined): CaptureHandlers {
  const capture = service ?? unavailableCapture();
  return {
    'capture.start': (input, context) => capture.start(input, context.user),
    'capture.chunk': (input, context) => capture.chunk(input, context.user),
    'capture.cameraLost': (input, context) => capture.cameraLost(input, context.user),
    'capture.resume': (input, context) => capture.resume(input, context.user),
    'capture.stop': (input, context) => capture.stop(input, context.user),
    'capture.discard': (input, context) => capture.discard(input, context.user),
    'capture.recoveries': (_input, context) => capture.recoveries(context.user),
    'capture.acknowledgeRecoveries': (input, context) =>
      capture.acknowledgeRecoveries(input.sceneIds, context.user),
  };
}

function unavailableCapture(): CaptureService {
  const refuse = async (): Promise<never> => {
    throw new AppFailure('UNAVAILABLE', NO_CAPTURE);
  };
  return {
    start: refuse,
    chunk: refuse,
    cameraLost: refuse,
    resume: refuse,
    stop: refuse,
    discard: refuse,
    recoveries: refuse,
    acknowledgeRecoveries: refuse,
    recoverInterruptedScenes: refuse,
    // Nothing is filmed, so nothing is ever behind.
    renderHold: { held: () => false, subscribe: () => () => undefined },
    filming: () => false,
    close: async () => undefined,
  };
}
