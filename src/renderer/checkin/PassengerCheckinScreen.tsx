// The locked passenger check-in screen: only the form, no staff navigation or notices. It starts blank after
// every check-in and after IDLE_RESET_MS without a touch, so nobody sees the previous passenger's details.
// Leaving takes a staff member's normal sign-in (name and PIN), after which main revokes this screen's token.
import { useEffect, useState } from 'react';
import { CHECKIN_LANGUAGES, MAX_PASSENGERS, TRIP_PURPOSES, TRIP_PURPOSE_LABELS } from '../../shared/checkin';
import { ErrorPanel } from '../components/ErrorPanel';
import { Segmented } from '../components/Segmented';
import { TextField } from '../components/TextField';
import { useCheckinDevice } from './device';
import { canAddPassenger, isBlank, missingSteps, newPassenger } from './passenger-form';
import { usePassengerStore } from './passenger-store';
import { SignaturePad } from './SignaturePad';
import { StaffExit } from './StaffExit';
import './checkin.css';

/** A half-filled form is cleared after this long without a touch; the thank-you gives way sooner. */
export const IDLE_RESET_MS = 90_000;
export const THANKS_MS = 10_000;

export function PassengerCheckinScreen() {
  const token = useCheckinDevice((state) => state.token);
  const { waiver, form, phase, thanksName, busy, error, load, edit, send, reset } = usePassengerStore();
  const [staff, setStaff] = useState(false);

  useEffect(() => {
    if (token) void load(token);
  }, [token, load]);

  // Idle reset: any touch or key restarts the count; an untouched blank form has nothing to clear.
  useEffect(() => {
    let timer = 0;
    const restart = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        const state = usePassengerStore.getState();
        if (state.phase === 'thanks' || !isBlank(state.form)) state.reset();
        setStaff(false);
      }, IDLE_RESET_MS);
    };
    restart();
    window.addEventListener('pointerdown', restart, true);
    window.addEventListener('keydown', restart, true);
    return () => {
      window.clearTimeout(timer);
      window.removeEventListener('pointerdown', restart, true);
      window.removeEventListener('keydown', restart, true);
    };
  }, []);

  useEffect(() => {
    if (phase !== 'thanks') return;
    const timer = window.setTimeout(reset, THANKS_MS);
    return () => window.clearTimeout(timer);
  }, [phase, reset]);

  if (!token) return null;
  if (staff) return <StaffExit onBack={() => setStaff(false)} />;

  const header = (
    <header className="passenger-header">
      <h1>Welcome aboard — please check in</h1>
      <button type="button" className="button passenger-staff" onClick={() => setStaff(true)}>
        Staff
      </button>
    </header>
  );

  if (phase === 'thanks') {
    return (
      <div className="passenger-screen">
        {header}
        <div className="passenger-thanks" role="status">
          <p className="passenger-thanks-title">Thank you{thanksName ? `, ${thanksName}` : ''}!</p>
          <p className="lead">You are checked in. The crew will call you for your flight.</p>
          <button type="button" className="button button-primary button-large" onClick={reset}>
            Done
          </button>
        </div>
      </div>
    );
  }

  const missing = missingSteps(form);
  const setPassenger = (index: number, change: Partial<(typeof form.passengers)[number]>) =>
    edit({ passengers: form.passengers.map((p, i) => (i === index ? { ...p, ...change } : p)) });

  return (
    <div className="passenger-screen">
      {header}
      <div className="passenger-columns">
        <section className="passenger-form" aria-label="Your details">
          <h2>Who is flying</h2>
          {form.passengers.map((passenger, index) => (
            <div className="passenger-entry" key={passenger.key} data-passenger={index + 1}>
              <TextField
                label={`Passenger ${index + 1}: full name`}
                value={passenger.name}
                maxLength={80}
                onChange={(name) => setPassenger(index, { name })}
              />
              <SignaturePad
                label={`Signature of passenger ${index + 1}`}
                signed={passenger.signature !== null}
                onChange={(signature) => setPassenger(index, { signature })}
              />
              {form.passengers.length > 1 && (
                <button
                  type="button"
                  className="button"
                  onClick={() => edit({ passengers: form.passengers.filter((_, i) => i !== index) })}
                >
                  Remove passenger {index + 1}
                </button>
              )}
            </div>
          ))}
          {canAddPassenger(form) ? (
            <button
              type="button"
              className="button"
              onClick={() => edit({ passengers: [...form.passengers, newPassenger()] })}
            >
              + Add a passenger
            </button>
          ) : (
            <p className="hint">
              Up to {MAX_PASSENGERS} passengers check in together; a larger group checks in twice.
            </p>
          )}

          <h2>How we reach you</h2>
          <TextField
            label="E-mail (optional, for your video)"
            keys="email"
            value={form.customerEmail}
            maxLength={200}
            onChange={(customerEmail) => edit({ customerEmail })}
          />
          <TextField
            label="Phone (optional)"
            keys="phone"
            value={form.customerPhone}
            maxLength={40}
            onChange={(customerPhone) => edit({ customerPhone })}
          />
          <TextField
            label="Where are you from? (optional)"
            value={form.origin}
            maxLength={100}
            onChange={(origin) => edit({ origin })}
          />
          <TextField
            label="How did you hear about us? (optional)"
            value={form.referralSource}
            maxLength={100}
            onChange={(referralSource) => edit({ referralSource })}
          />
          <div className="field">
            <label>What is the occasion?</label>
            <Segmented
              label="Purpose of the trip"
              options={TRIP_PURPOSES.map((value) => ({ value, label: TRIP_PURPOSE_LABELS[value] }))}
              value={form.tripPurpose}
              onChange={(tripPurpose) => edit({ tripPurpose })}
            />
          </div>
          <div className="field">
            <label>Briefing language</label>
            <Segmented
              label="Briefing language"
              options={CHECKIN_LANGUAGES.map((value) => ({ value, label: value }))}
              value={form.language}
              onChange={(language) => edit({ language })}
            />
          </div>
          <button
            type="button"
            role="checkbox"
            aria-checked={form.contactConsent}
            className={form.contactConsent ? 'button tick-button ticked' : 'button tick-button'}
            onClick={() => edit({ contactConsent: !form.contactConsent })}
          >
            <span className="tick" aria-hidden="true">
              {form.contactConsent ? '✓' : ''}
            </span>
            You may send us news and offers (optional)
          </button>
        </section>

        <section className="passenger-waiver" aria-label="Liability waiver">
          <h2>Liability waiver{waiver ? ` (version ${waiver.version})` : ''}</h2>
          <div className="waiver-text" tabIndex={0} aria-label="Waiver text">
            {waiver ? waiver.text : 'Loading the waiver…'}
          </div>
          <button
            type="button"
            role="checkbox"
            aria-checked={form.waiverAgreed}
            disabled={!waiver}
            className={form.waiverAgreed ? 'button tick-button ticked' : 'button tick-button'}
            onClick={() => edit({ waiverAgreed: !form.waiverAgreed })}
          >
            <span className="tick" aria-hidden="true">
              {form.waiverAgreed ? '✓' : ''}
            </span>
            I have read the waiver and agree to it, for every passenger above
          </button>
          {error && (
            <ErrorPanel
              title="Your check-in was not sent"
              error={{ code: error.code, message: error.message }}
            />
          )}
          {missing.length > 0 && (
            <ul className="passenger-missing" aria-label="Still to do">
              {missing.map((step) => (
                <li key={step}>{step}</li>
              ))}
            </ul>
          )}
          <button
            type="button"
            className="button button-primary button-large"
            disabled={busy || missing.length > 0 || !waiver}
            onClick={() => token && void send(token)}
          >
            {busy ? 'Sending…' : 'Check in'}
          </button>
          <button type="button" className="button" onClick={reset}>
            Start again
          </button>
        </section>
      </div>
    </div>
  );
}
