// "Report a problem": what it is with (big choices), what happened (typed on the on-screen keyboard) and,
// if it is about one, which of today's flights. The managers see it on their Problem reports screen.
import { useEffect, useState } from 'react';
import {
  PROBLEM_CATEGORIES,
  PROBLEM_CATEGORY_LABELS,
  PROBLEM_TEXT_MAX,
  type ProblemCategory,
} from '../../shared/problems';
import { flightTimeLabel, localDayOf } from '../calendar';
import { ActionButton } from '../components/ActionButton';
import { Dialog } from '../components/Dialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { Segmented } from '../components/Segmented';
import { TextField } from '../components/TextField';
import { useReportStore } from './store';

const NO_FLIGHT = 'none';

/** "14:30" for today's flights; "Tomorrow 00:00" for a late check-in set for midnight. */
function timeOf(iso: string): string {
  const today = localDayOf(new Date());
  return localDayOf(new Date(iso)) === today
    ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })
    : flightTimeLabel(iso, today);
}

export function ReportProblemDialog({ onClose }: { onClose(): void }) {
  const { flights, sending, error, sent, loadFlights, send, reset } = useReportStore();
  const [category, setCategory] = useState<ProblemCategory | null>(null);
  const [description, setDescription] = useState('');
  const [flight, setFlight] = useState<string>(NO_FLIGHT);
  useEffect(() => {
    reset();
    void loadFlights();
  }, [reset, loadFlights]);

  if (sent) {
    return (
      <Dialog title="Report a problem" onClose={onClose}>
        <p className="inline-ok problem-sent" role="status">
          ✓ Thank you — your report is saved. The managers see it on their Problem reports screen.
        </p>
        <div className="dialog-actions">
          <button type="button" className="button button-primary" onClick={onClose}>
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog title="Report a problem" onClose={onClose}>
      <div className="form">
        <div className="field">
          <span className="problem-question">What is the problem with?</span>
          <Segmented<ProblemCategory>
            label="What is the problem with?"
            options={PROBLEM_CATEGORIES.map((value) => ({ value, label: PROBLEM_CATEGORY_LABELS[value] }))}
            value={category}
            onChange={setCategory}
          />
        </div>
        <TextField
          label="What happened?"
          value={description}
          onChange={setDescription}
          maxLength={PROBLEM_TEXT_MAX}
          lines={4}
          placeholder="For example: the rear camera stopped during the chase scene"
        />
        {flights && flights.length > 0 && (
          <div className="field">
            <span className="problem-question">Which flight? (optional)</span>
            <Segmented
              label="Which flight?"
              options={[
                { value: NO_FLIGHT, label: 'No particular flight' },
                ...flights.map((choice) => ({
                  value: choice.id,
                  label: `${timeOf(choice.flightAt)} · ${choice.passengerNames}`,
                })),
              ]}
              value={flight}
              onChange={setFlight}
            />
          </div>
        )}
        {error && <ErrorPanel title="The report was not sent" error={error} />}
      </div>
      <div className="dialog-actions sticky-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <ActionButton
          label="Send report"
          missing={
            category === null
              ? 'Pick what it is with first.'
              : description.trim() === ''
                ? 'Write what happened first.'
                : null
          }
          busy={sending}
          busyLabel="Sending…"
          onClick={() => {
            if (!category) return;
            void send({
              category,
              description: description.trim(),
              ...(flight === NO_FLIGHT ? {} : { recordingId: flight }),
            });
          }}
        />
      </div>
    </Dialog>
  );
}
