// The `recordings` channels: the flights list, checking a flight in, and one flight with its scenes.
import { kioskToday, type DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { listRecordings } from './list';
import { createFlightRecording } from './service';
import { readRecordingDetail } from './views';

export type RecordingsHandlers = Pick<Handlers, 'recordings.list' | 'recordings.checkIn' | 'recordings.get'>;

export function recordingsHandlers(data: DataAccess): RecordingsHandlers {
  return {
    'recordings.list': (input, context) =>
      listRecordings(data.db(), context.user, input, {
        now: data.now(),
        utcOffsetMinutes: data.utcOffsetMinutes,
      }),
    'recordings.get': (input, context) =>
      readRecordingDetail(data.db(), input.id, context.user, kioskToday(data)),
    'recordings.checkIn': async (input, context) => {
      const user = context.user;
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
      return readRecordingDetail(data.db(), recording.id, user, kioskToday(data));
    },
  };
}
