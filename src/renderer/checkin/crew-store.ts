// The crew's side of self check-in: the waiting list (asked again every POLL_MS while shown), turning one into
// a flight or adding it to a flight already checked in without a waiver, dismissing one, and an admin locking
// this screen to passenger check-in.
import { create } from 'zustand';
import type { UnsignedFlight, WaitingCheckin } from '../../shared/checkin';
import type { AppError } from '../../shared/errors';
import type { Roster } from '../../shared/users';
import { useSessionStore } from '../auth/session';
import { resetRoute } from '../shell/route';
import { callMagnum } from '../shell/call';
import { useCheckinDevice } from './device';

export const POLL_MS = 10_000;

interface CrewCheckinState {
  waiting: WaitingCheckin[] | null;
  roster: Roster | null;
  /** Flights the crew checked in without a signed waiver, that a check-in can be added to. */
  unsignedFlights: UnsignedFlight[] | null;
  busy: boolean;
  error: AppError | null;
  loadWaiting(): Promise<void>;
  loadRoster(): Promise<void>;
  loadUnsignedFlights(): Promise<void>;
  /**
   * Returns the flight's id, or null when main refused (the error is in the state). With `recordingId` the
   * check-in is added to that flight; pilot and time then stay the flight's own.
   */
  convert(id: string, pilotId: string | null, flightAt: Date, recordingId?: string): Promise<string | null>;
  dismiss(id: string): Promise<boolean>;
  /** Admin: this screen becomes the passenger form; the admin's session here ends. */
  lockThisScreen(): Promise<boolean>;
  clearError(): void;
}

export const useCrewCheckinStore = create<CrewCheckinState>((set, get) => ({
  waiting: null,
  roster: null,
  unsignedFlights: null,
  busy: false,
  error: null,

  async loadWaiting() {
    const result = await callMagnum((magnum) => magnum.checkin.waiting({}));
    set(result.ok ? { waiting: result.value } : { error: result.error });
  },

  async loadRoster() {
    const result = await callMagnum((magnum) => magnum.users.roster({}));
    set(result.ok ? { roster: result.value } : { error: result.error });
  },

  async loadUnsignedFlights() {
    const result = await callMagnum((magnum) => magnum.checkin.unsignedFlights({}));
    set(result.ok ? { unsignedFlights: result.value } : { error: result.error });
  },

  async convert(id, pilotId, flightAt, recordingId) {
    set({ busy: true, error: null });
    const result = await callMagnum((magnum) =>
      magnum.checkin.convert({
        id,
        pilotId,
        flightAt: flightAt.toISOString(),
        ...(recordingId ? { recordingId } : {}),
      }),
    );
    set({ busy: false });
    await get().loadWaiting();
    if (!result.ok) {
      set({ error: result.error });
      return null;
    }
    return result.value.recordingId;
  },

  async dismiss(id) {
    set({ busy: true, error: null });
    const result = await callMagnum((magnum) => magnum.checkin.dismiss({ id }));
    set({ busy: false, ...(result.ok ? {} : { error: result.error }) });
    await get().loadWaiting();
    return result.ok;
  },

  async lockThisScreen() {
    set({ busy: true, error: null });
    const result = await callMagnum((magnum) => magnum.checkin.lockScreen({}));
    set({ busy: false });
    if (!result.ok) {
      set({ error: result.error });
      return false;
    }
    useCheckinDevice.getState().keep(result.value.deviceToken);
    // Main has ended the session already; this forgets it on the screen too, so no staff screen stays open.
    await useSessionStore.getState().signOut();
    resetRoute();
    return true;
  },

  clearError: () => set({ error: null }),
}));
