// The passenger form's state as plain data: a blank form, what may be sent, and what is sent. Kept apart from
// the screen so "a reset leaves nothing of the previous passenger" is tested without a browser.
import { MAX_PASSENGERS, type TripPurposeChoice } from '../../shared/checkin';
import type { RawInputOf } from '../../shared/contract';

export interface PassengerEntry {
  /** Stable per row, so React keeps each signature pad with its passenger. */
  key: number;
  name: string;
  /** The pad's PNG once the passenger has drawn; null while empty. */
  signature: Uint8Array<ArrayBuffer> | null;
}

export interface PassengerForm {
  passengers: PassengerEntry[];
  customerEmail: string;
  customerPhone: string;
  origin: string;
  referralSource: string;
  tripPurpose: TripPurposeChoice | null;
  language: string | null;
  contactConsent: boolean;
  waiverAgreed: boolean;
}

let nextKey = 1;
export const newPassenger = (): PassengerEntry => ({ key: nextKey++, name: '', signature: null });

/** A new, empty form: every field blank, consent and agreement unticked, one passenger without signature. */
export function blankForm(): PassengerForm {
  return {
    passengers: [newPassenger()],
    customerEmail: '',
    customerPhone: '',
    origin: '',
    referralSource: '',
    tripPurpose: null,
    language: null,
    contactConsent: false,
    waiverAgreed: false,
  };
}

/** Whether anything was entered: an untouched form needs no idle reset. */
export function isBlank(form: PassengerForm): boolean {
  const blank = blankForm();
  return (
    form.passengers.length === 1 &&
    form.passengers[0]?.name === '' &&
    form.passengers[0].signature === null &&
    JSON.stringify({ ...form, passengers: [] }) === JSON.stringify({ ...blank, passengers: [] })
  );
}

/** What still stops the form from being sent, in the passenger's words; empty when it may be sent. */
export function missingSteps(form: PassengerForm): string[] {
  const missing: string[] = [];
  if (form.passengers.some((p) => p.name.trim() === '')) missing.push('Enter every passenger’s name.');
  if (form.passengers.some((p) => p.signature === null)) missing.push('Every passenger signs in their box.');
  if (!form.waiverAgreed) missing.push('Tick that you have read and agree to the waiver.');
  return missing;
}

export const canAddPassenger = (form: PassengerForm) => form.passengers.length < MAX_PASSENGERS;

/** The submit input (empty optional fields left out); only called once missingSteps is empty. */
export function submission(
  form: PassengerForm,
  deviceToken: string,
  waiverVersionId: string,
): RawInputOf<'checkin.submit'> {
  const optional = (value: string) => (value.trim() === '' ? undefined : value.trim());
  return {
    deviceToken,
    passengers: form.passengers.map((p) => ({
      name: p.name.trim(),
      signature: p.signature ?? new Uint8Array(),
    })),
    customerEmail: optional(form.customerEmail),
    customerPhone: optional(form.customerPhone),
    origin: optional(form.origin),
    referralSource: optional(form.referralSource),
    tripPurpose: form.tripPurpose ?? undefined,
    language: form.language ?? undefined,
    contactConsent: form.contactConsent,
    waiverVersionId,
    waiverAgreed: true,
  };
}
