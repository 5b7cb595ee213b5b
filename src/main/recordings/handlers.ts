import { localDay } from '../access/rules';
import { signedInUser, type DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { listRecordings } from './list';

export type RecordingHandlers = Pick<Handlers, 'recordings.list'>;

export function recordingHandlers(data: DataAccess): RecordingHandlers {
  return {
    'recordings.list': (input, context) => {
      const now = data.now();
      return listRecordings(
        data.db(),
        signedInUser(context),
        input,
        localDay(now, data.utcOffsetMinutes(now)),
      );
    },
  };
}
