// The locked check-in screen's state: the waiver to show, the form being filled, sending it, the thank-you,
// and the resets (after sending, after idle time) that leave nothing of one passenger for the next.
import { create } from 'zustand';
import type { CheckinForm } from '../../shared/checkin';
import type { AppError } from '../../shared/errors';
import { callMagnum } from '../shell/call';
import { blankForm, missingSteps, submission, type PassengerForm } from './passenger-form';

interface PassengerState {
  waiver: CheckinForm['waiver'] | null;
  form: PassengerForm;
  phase: 'form' | 'thanks';
  /** The first name the thank-you greets; cleared with the form. */
  thanksName: string;
  busy: boolean;
  error: AppError | null;
  load(deviceToken: string): Promise<void>;
  edit(change: Partial<PassengerForm>): void;
  send(deviceToken: string): Promise<boolean>;
  /** Back to a blank form: after the thank-you, after idle time, or when a passenger taps "Start again". */
  reset(): void;
}

export const usePassengerStore = create<PassengerState>((set, get) => ({
  waiver: null,
  form: blankForm(),
  phase: 'form',
  thanksName: '',
  busy: false,
  error: null,

  async load(deviceToken) {
    const result = await callMagnum((magnum) => magnum.checkin.form({ deviceToken }));
    set(result.ok ? { waiver: result.value.waiver, error: null } : { error: result.error });
  },

  edit: (change) => set((state) => ({ form: { ...state.form, ...change }, error: null })),

  async send(deviceToken) {
    const { form, waiver, busy } = get();
    if (busy || !waiver || missingSteps(form).length > 0) return false;
    set({ busy: true, error: null });
    const result = await callMagnum((magnum) =>
      magnum.checkin.submit(submission(form, deviceToken, waiver.id)),
    );
    if (!result.ok) {
      set({ busy: false, error: result.error });
      // A new waiver was published meanwhile: show it; the passenger ticks and sends again.
      if (result.error.code === 'CONFLICT') {
        set((state) => ({ form: { ...state.form, waiverAgreed: false } }));
        await get().load(deviceToken);
        set({ error: result.error });
      }
      return false;
    }
    const first = form.passengers[0]?.name.trim().split(/\s+/)[0] ?? '';
    set({ busy: false, phase: 'thanks', thanksName: first, form: blankForm() });
    return true;
  },

  reset: () => set({ form: blankForm(), phase: 'form', thanksName: '', error: null, busy: false }),
}));
