// The passenger form as data: what stops it being sent, what is sent, and that a reset is truly blank.
import { describe, expect, it } from 'vitest';
import { blankForm, isBlank, missingSteps, newPassenger, submission } from './passenger-form';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);

describe('the passenger form', () => {
  it('cannot be sent until every passenger has a name and a signature and the waiver is agreed', () => {
    const form = blankForm();
    expect(missingSteps(form)).toHaveLength(3);
    const second = { ...newPassenger(), name: 'Ben Silva' };
    const filled = {
      ...form,
      passengers: [{ ...form.passengers[0]!, name: 'Ana Silva', signature: PNG }, second],
      waiverAgreed: true,
    };
    expect(missingSteps(filled)).toEqual(['Every passenger signs in their box.']);
    filled.passengers[1] = { ...second, signature: PNG };
    expect(missingSteps(filled)).toEqual([]);
  });

  it('sends trimmed values and leaves empty optional fields out', () => {
    const form = {
      ...blankForm(),
      passengers: [{ key: 1, name: '  Ana Silva ', signature: PNG }],
      origin: ' Lisbon ',
      tripPurpose: 'birthday' as const,
      waiverAgreed: true,
    };
    const sent = submission(form, 'token', 'waiver');
    expect(sent).toMatchObject({
      passengers: [{ name: 'Ana Silva', signature: PNG }],
      origin: 'Lisbon',
      tripPurpose: 'birthday',
      contactConsent: false,
      waiverAgreed: true,
    });
    expect(sent.customerEmail).toBeUndefined();
    expect(sent.language).toBeUndefined();
  });

  it('starts blank, with marketing consent unticked, and knows when something was entered', () => {
    const form = blankForm();
    expect(form.contactConsent).toBe(false);
    expect(isBlank(form)).toBe(true);
    expect(isBlank({ ...form, origin: 'L' })).toBe(false);
    expect(isBlank({ ...form, passengers: [{ ...form.passengers[0]!, signature: PNG }] })).toBe(false);
    expect(isBlank(blankForm())).toBe(true);
  });
});
