// The `slots` channel: saving the windows of the souvenir video's eight slots.
import { kioskToday, type DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { saveSlotWindows } from './service';

export type SlotsHandlers = Pick<Handlers, 'slots.save'>;

export function slotsHandlers(data: DataAccess): SlotsHandlers {
  return {
    'slots.save': (input, context) => saveSlotWindows(data.db(), input, context.user, kioskToday(data)),
  };
}
