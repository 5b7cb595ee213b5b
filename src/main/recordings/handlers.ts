import { localDay } from '../access/rules';
import { signedInUser, type DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { listRecordings } from './list';
import { createFlightRecording } from './service';
import { readRecordingDetail } from './views';

export type RecordingHandlers = Pick<Handlers, 'recordings.list' | 'recordings.checkIn' | 'recordings.get'>;

export function recordingHandlers(data: DataAccess): RecordingHandlers {
  const today = () => {
    const now = data.now();
    return localDay(now, data.utcOffsetMinutes(now));
  };
  return {
    'recordings.list': (input, context) =>
      listRecordings(data.db(), signedInUser(context), input, {
        now: data.now(),
        utcOffsetMinutes: data.utcOffsetMinutes,
      }),
    'recordings.get': (input, context) =>
      readRecordingDetail(data.db(), input.id, signedInUser(context), today()),
    'recordings.checkIn': async (input, context) => {
      const user = signedInUser(context);
      const { recording } = await createFlightRecording(
        data.db(),
        {
          passenger_names: input.passengerNames,
          customer_email: input.customerEmail,
          customer_phone: input.customerPhone,
          pilot_id: input.pilotId,
          // The person checking in looks after the flight unless they name someone else.
          staff_member: input.staffMemberId === undefined ? user.id : input.staffMemberId,
          flight_at: input.flightAt,
          notes: input.notes,
        },
        user.id,
      );
      return readRecordingDetail(data.db(), recording.id, user, today());
    },
  };
}
