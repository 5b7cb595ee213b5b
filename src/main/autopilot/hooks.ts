// The channels that change what a flight's video is, told to the autopilot once they succeed: slot windows
// saved (only when a slot really changed) and a flight checked in. Capture tells it of saved scenes itself
// (CaptureServiceOptions.onSceneSaved). Wrapping the handler map keeps the slots and recordings services
// unaware of the autopilot; app.ts applies it where the handlers are made.
import type { Handlers } from '../ipc/dispatch';
import type { Autopilot } from './autopilot';

type Hooked = Pick<Handlers, 'slots.save' | 'recordings.checkIn'>;

export function withAutopilotHooks<H extends Hooked>(
  handlers: H,
  autopilot: Pick<Autopilot, 'slotsChanged' | 'checkedIn'>,
): H {
  const saveSlots = handlers['slots.save'];
  const checkIn = handlers['recordings.checkIn'];
  return {
    ...handlers,
    'slots.save': async (input, context) => {
      const before = new Date().toISOString();
      const slots = await saveSlots(input, context);
      // saveSlotWindows stamps the slots it changed with the time of the save; a save that changed nothing
      // must not make the video again.
      if (slots.some((slot) => slot.updatedAt >= before)) {
        autopilot.slotsChanged({ recordingId: input.recordingId, userId: context.user.id });
      }
      return slots;
    },
    'recordings.checkIn': async (input, context) => {
      const detail = await checkIn(input, context);
      autopilot.checkedIn({ recordingId: detail.id, userId: context.user.id });
      return detail;
    },
  };
}
