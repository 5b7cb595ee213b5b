// Self check-in: passengers' check-ins from a locked screen (each signature checked, written whole and hashed),
// the crew's waiting list, turning one into a flight (the flight gets the passengers' answers and the time the
// waiver was signed; the signatures are linked to it) or adding it to a flight the crew already made without a
// waiver (attach.ts), and dismissing one.
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { writeAuditLog } from '../../../db/audit';
import type { CheckinForm, UnsignedFlight, WaitingCheckin, WaiverVersionView } from '../../shared/checkin';
import type { InputOf } from '../../shared/contract';
import { endSession } from '../auth/sessions';
import { kioskToday, type DataAccess } from '../data-access';
import { AppFailure } from '../errors';
import type { SessionUser } from '../ipc/dispatch';
import { insertFlightRecording } from '../recordings/service';
import { attachToFlight, listUnsignedFlights } from './attach';
import {
  countLiveScreens,
  createCheckinScreen,
  createSubmitLimiter,
  requireCheckinScreen,
  revokeAllCheckinScreens,
  revokeCheckinScreen,
} from './screens';
import {
  removeCheckinSignatures,
  signatureHash,
  signatureRelativePath,
  writeSignatureFile,
} from './signature-files';
import { checkSignaturePng, SIGNATURE_PROBLEM_MESSAGES } from './signature-png';
import { currentWaiver, listWaivers, publishWaiver } from './waivers';

export interface CheckinServiceOptions {
  data: DataAccess;
  dataDir: string;
  logger: Logger;
}

export type CheckinService = ReturnType<typeof createCheckinService>;

const NOT_WAITING =
  'This check-in is no longer waiting: someone else has just turned it into a flight or removed it. The list is up to date now.';

export function createCheckinService({ data, dataDir, logger }: CheckinServiceOptions) {
  const limiter = createSubmitLimiter();

  return {
    /** The admin's screen becomes a check-in screen: its own session ends here, so staff screens close. */
    async lockScreen(user: SessionUser, session: string | null): Promise<{ deviceToken: string }> {
      const db = data.db();
      const { id, token } = await createCheckinScreen(db, user.id, data.now());
      if (session) await endSession(db, session);
      logger.info({ screenId: id, by: user.id }, 'screen turned into passenger check-in');
      return { deviceToken: token };
    },

    async unlockScreen(deviceToken: string, user: SessionUser): Promise<{ unlocked: true }> {
      const revoked = await revokeCheckinScreen(data.db(), deviceToken, user.id, data.now());
      if (revoked) logger.info({ by: user.id }, 'check-in screen given back to the crew');
      return { unlocked: true };
    },

    async screens(): Promise<{ live: number }> {
      return { live: await countLiveScreens(data.db()) };
    },

    async stopScreens(user: SessionUser): Promise<{ stopped: number }> {
      const stopped = await revokeAllCheckinScreens(data.db(), user.id, data.now());
      logger.info({ by: user.id, stopped }, 'every passenger check-in screen stopped');
      return { stopped };
    },

    async form(deviceToken: string): Promise<CheckinForm> {
      const db = data.db();
      await requireCheckinScreen(db, deviceToken);
      return { waiver: await currentWaiver(db) };
    },

    async submit(input: InputOf<'checkin.submit'>): Promise<{ received: true }> {
      const db = data.db();
      const screenId = await requireCheckinScreen(db, input.deviceToken);
      const now = data.now();
      limiter.admit(screenId, now);
      const waiver = await currentWaiver(db);
      if (waiver.id !== input.waiverVersionId)
        throw new AppFailure(
          'CONFLICT',
          'The waiver was updated while you filled in the form. Read the new text, tick that you agree, and send again.',
        );
      input.passengers.forEach((passenger, index) => {
        const check = checkSignaturePng(passenger.signature);
        if (!check.ok && check.problem)
          throw new AppFailure('VALIDATION', SIGNATURE_PROBLEM_MESSAGES[check.problem], [
            { path: `passengers.${index}.signature`, message: check.problem },
          ]);
      });

      const checkinId = randomUUID();
      const signedAt = now.toISOString();
      const signatures = input.passengers.map((passenger) => {
        const id = randomUUID();
        return {
          id,
          self_checkin_id: checkinId,
          passenger_name: passenger.name,
          waiver_version_id: waiver.id,
          signature_path: signatureRelativePath(checkinId, id),
          signature_sha256: signatureHash(passenger.signature, waiver.text),
          signed_at: signedAt,
          png: passenger.signature,
        };
      });
      for (const signature of signatures)
        await writeSignatureFile(dataDir, signature.signature_path, signature.png);
      try {
        await db.transaction().execute(async (trx) => {
          await trx
            .insertInto('self_checkins')
            .values({
              id: checkinId,
              checkin_screen_id: screenId,
              passenger_names: input.passengers.map((passenger) => passenger.name).join(', '),
              customer_email: input.customerEmail || null,
              customer_phone: input.customerPhone || null,
              origin: input.origin || null,
              referral_source: input.referralSource || null,
              trip_purpose: input.tripPurpose ?? null,
              language: input.language || null,
              contact_consent: input.contactConsent ? 1 : 0,
              preferred_flight_at: input.preferredFlightAt
                ? new Date(input.preferredFlightAt).toISOString()
                : null,
              created_at: signedAt,
            })
            .execute();
          await trx
            .insertInto('waiver_signatures')
            .values(signatures.map(({ png: _png, ...row }) => row))
            .execute();
        });
      } catch (error) {
        await removeCheckinSignatures(dataDir, checkinId).catch(() => undefined);
        throw error;
      }
      // No names or contact details in the log: the id is enough to find the row.
      logger.info({ checkinId, screenId, passengers: signatures.length }, 'self check-in received');
      return { received: true };
    },

    async waiting(): Promise<WaitingCheckin[]> {
      const db = data.db();
      const rows = await db
        .selectFrom('self_checkins')
        .select([
          'id',
          'passenger_names',
          'created_at',
          'preferred_flight_at',
          'origin',
          'trip_purpose',
          'language',
        ])
        .where('status', '=', 'waiting')
        .orderBy('created_at', 'asc')
        .limit(100)
        .execute();
      const ids = rows.map((row) => row.id);
      const signatures = ids.length
        ? await db
            .selectFrom('waiver_signatures')
            .innerJoin('waiver_versions', 'waiver_versions.id', 'waiver_signatures.waiver_version_id')
            .select(['waiver_signatures.self_checkin_id', 'waiver_versions.version'])
            .where('waiver_signatures.self_checkin_id', 'in', ids)
            .execute()
        : [];
      return rows.map((row) => {
        const own = signatures.filter((signature) => signature.self_checkin_id === row.id);
        const passengers = row.passenger_names.split(', ').length;
        return {
          id: row.id,
          passengerNames: row.passenger_names,
          createdAt: row.created_at,
          preferredFlightAt: row.preferred_flight_at,
          origin: row.origin,
          tripPurpose: row.trip_purpose,
          language: row.language,
          signed: own.length > 0 && own.length >= passengers,
          signatures: own.length,
          waiverVersion: own[0]?.version ?? null,
        };
      });
    },

    /** The flights the conversion dialog offers to add a check-in to. */
    unsignedFlights(user: SessionUser): Promise<UnsignedFlight[]> {
      return listUnsignedFlights(data.db(), user, kioskToday(data));
    },

    async convert(input: InputOf<'checkin.convert'>, user: SessionUser): Promise<{ recordingId: string }> {
      // One transaction: the flight (made, or the existing one given its waiver time and blanks filled), the
      // check-in marked converted, its signatures linked and the audit entry land together or not at all. Of
      // two screens converting the same check-in, the second finds it taken.
      const today = kioskToday(data);
      const recording = await data
        .db()
        .transaction()
        .execute(async (trx) => {
          const checkin = await trx
            .selectFrom('self_checkins')
            .selectAll()
            .where('id', '=', input.id)
            .executeTakeFirst();
          if (!checkin)
            throw new AppFailure('NOT_FOUND', 'That check-in no longer exists. The list is up to date now.');
          if (checkin.status !== 'waiting') throw new AppFailure('CONFLICT', NOT_WAITING);
          const signed = await trx
            .selectFrom('waiver_signatures')
            .select((eb) => eb.fn.max('signed_at').as('signedAt'))
            .where('self_checkin_id', '=', checkin.id)
            .executeTakeFirst();
          if (input.recordingId) {
            // A check-in from the form is always signed; one without signatures gives no waiver time.
            if (!signed?.signedAt)
              throw new AppFailure(
                'CONFLICT',
                'This check-in has no signed waiver, so it cannot give a flight one. Make a new flight for it instead.',
              );
            await attachToFlight(trx, checkin, input.recordingId, signed.signedAt, user, today, data.now());
          }
          const recording = input.recordingId
            ? { id: input.recordingId }
            : (
                await insertFlightRecording(
                  trx,
                  {
                    passenger_names: checkin.passenger_names,
                    flight_at: input.flightAt,
                    customer_email: checkin.customer_email,
                    customer_phone: checkin.customer_phone,
                    pilot_id: input.pilotId,
                    staff_member: user.id,
                    language: checkin.language,
                    origin: checkin.origin,
                    referral_source: checkin.referral_source,
                    trip_purpose: checkin.trip_purpose,
                    contact_consent: checkin.contact_consent === 1,
                    waiver_accepted_at: signed?.signedAt ?? null,
                  },
                  user.id,
                )
              ).recording;
          const updated = await trx
            .updateTable('self_checkins')
            .set({
              status: 'converted',
              recording_id: recording.id,
              handled_by: user.id,
              converted_at: data.now().toISOString(),
            })
            .where('id', '=', checkin.id)
            .where('status', '=', 'waiting')
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) === 0) throw new AppFailure('CONFLICT', NOT_WAITING);
          await trx
            .updateTable('waiver_signatures')
            .set({ recording_id: recording.id })
            .where('self_checkin_id', '=', checkin.id)
            .execute();
          await writeAuditLog(trx, {
            userId: user.id,
            action: 'convert',
            entityType: 'self_checkin',
            entityId: checkin.id,
            after: { recording_id: recording.id, attached: Boolean(input.recordingId) },
          });
          return recording;
        });
      return { recordingId: recording.id };
    },

    async dismiss(id: string, user: SessionUser): Promise<{ dismissed: true }> {
      await data
        .db()
        .transaction()
        .execute(async (trx) => {
          const updated = await trx
            .updateTable('self_checkins')
            .set({ status: 'dismissed', handled_by: user.id, dismissed_at: data.now().toISOString() })
            .where('id', '=', id)
            .where('status', '=', 'waiting')
            .executeTakeFirst();
          if (Number(updated.numUpdatedRows) === 0) throw new AppFailure('CONFLICT', NOT_WAITING);
          await writeAuditLog(trx, {
            userId: user.id,
            action: 'dismiss',
            entityType: 'self_checkin',
            entityId: id,
          });
        });
      return { dismissed: true };
    },

    waivers(): Promise<WaiverVersionView[]> {
      return listWaivers(data.db());
    },

    publishWaiver(text: string, user: SessionUser): Promise<WaiverVersionView> {
      return publishWaiver(data.db(), text, user.id, data.now());
    },
  };
}
