// The locked screen's reset: after a thank-you or idle time, nothing of the previous passenger is left.
import { describe, expect, it } from 'vitest';
import { blankForm, isBlank } from './passenger-form';
import { usePassengerStore } from './passenger-store';

describe('the passenger screen’s reset', () => {
  it('leaves a blank form, no greeting and no error from the previous passenger', () => {
    usePassengerStore.setState({
      phase: 'thanks',
      thanksName: 'Ana',
      error: { code: 'VALIDATION', message: 'A signature is empty.' },
      form: {
        ...blankForm(),
        passengers: [{ key: 99, name: 'Ana Silva', signature: new Uint8Array([1, 2, 3]) }],
        customerEmail: 'ana@example.com',
        origin: 'Lisbon',
        tripPurpose: 'birthday',
        contactConsent: true,
        waiverAgreed: true,
      },
    });
    usePassengerStore.getState().reset();
    const state = usePassengerStore.getState();
    expect(state.phase).toBe('form');
    expect(state.thanksName).toBe('');
    expect(state.error).toBeNull();
    expect(isBlank(state.form)).toBe(true);
    expect(JSON.stringify(state)).not.toMatch(/Ana|Lisbon|example\.com/);
  });
});
