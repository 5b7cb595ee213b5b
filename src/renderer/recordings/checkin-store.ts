// The check-in form: who flies, with whom, when. Main validates everything again and creates the flight.
import { create } from 'zustand';
import type { Roster } from '../../shared/users';
import type { AppError } from '../../shared/errors';
import { defaultFlightTime } from '../../shared/flight-time';
import { callMagnum } from '../shell/call';

export interface CheckInForm {
  passengerNames: string;
  customerEmail: string;
  customerPhone: string;
  pilotId: string | null;
  /** undefined: the person checking in. */
  staffMemberId: string | null | undefined;
  flightAt: Date;
  notes: string;
}

interface CheckInState {
  roster: Roster | null;
  form: CheckInForm;
  busy: boolean;
  error: AppError | null;
  loadRoster(): Promise<void>;
  edit(change: Partial<CheckInForm>): void;
  reset(): void;
  /** Creates the flight; returns its id, or null when main refused (the error is in the state). */
  submit(): Promise<string | null>;
}

const emptyForm = (): CheckInForm => ({
  passengerNames: '',
  customerEmail: '',
  customerPhone: '',
  pilotId: null,
  staffMemberId: undefined,
  flightAt: defaultFlightTime(new Date()),
  notes: '',
});

export const useCheckInStore = create<CheckInState>((set, get) => ({
  roster: null,
  form: emptyForm(),
  busy: false,
  error: null,
  async loadRoster() {
    const result = await callMagnum((magnum) => magnum.users.roster({}));
    set(result.ok ? { roster: result.value } : { error: result.error });
  },
  edit: (change) => set((state) => ({ form: { ...state.form, ...change }, error: null })),
  reset: () => set({ form: emptyForm(), error: null }),
  async submit() {
    const { form } = get();
    set({ busy: true, error: null });
    const result = await callMagnum((magnum) =>
      magnum.recordings.checkIn({
        passengerNames: form.passengerNames,
        customerEmail: form.customerEmail,
        customerPhone: form.customerPhone,
        pilotId: form.pilotId,
        ...(form.staffMemberId === undefined ? {} : { staffMemberId: form.staffMemberId }),
        flightAt: form.flightAt.toISOString(),
        notes: form.notes || null,
      }),
    );
    if (!result.ok) {
      set({ busy: false, error: result.error });
      return null;
    }
    set({ busy: false, form: emptyForm() });
    return result.value.id;
  },
}));
