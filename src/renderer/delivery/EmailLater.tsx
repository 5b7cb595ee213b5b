// E-mail when online: the address (the customer's, editable with the on-screen keyboard) goes into the outbox,
// which sends it whenever the kiosk has a connection; until then the crew sees it waiting.
import { useState } from 'react';
import type { OutboxItemView } from '../../shared/delivery';
import { ErrorPanel } from '../components/ErrorPanel';
import { TextField } from '../components/TextField';
import { formatDateTime, plural } from '../format';
import { useDeliveryStore } from './store';
import { ActionButton } from '../components/ActionButton';

function statusText(item: OutboxItemView): string {
  switch (item.status) {
    case 'pending':
      return item.attempts === 0
        ? 'Waiting — it goes out by itself when the kiosk has a connection.'
        : `Not sent yet (${item.lastError ?? 'it did not go through'}). Next try ${formatDateTime(item.nextAttemptAt)}.`;
    case 'sending':
      return 'Sending now…';
    case 'sent':
      return `✓ Sent ${item.sentAt ? formatDateTime(item.sentAt) : ''}`;
    case 'failed':
      return `Given up after ${plural(item.attempts, 'try', 'tries')}: ${item.lastError ?? 'it did not go through'}`;
    case 'cancelled':
      return 'Cancelled — not sent.';
  }
}

export function EmailLater({ saleId, customerEmail }: { saleId: string; customerEmail: string | null }) {
  const { outbox, emailBusy, emailErrors, queueEmail, cancelEmail } = useDeliveryStore();
  const [email, setEmail] = useState(customerEmail ?? '');
  const items = outbox[saleId] ?? [];
  const error = emailErrors[saleId];
  const busy = emailBusy[saleId] ?? false;

  return (
    <div className="delivery-body">
      <TextField
        label="Customer’s e-mail"
        value={email}
        keys="email"
        maxLength={200}
        placeholder="name@example.com"
        onChange={setEmail}
        problem={error?.code === 'VALIDATION' ? (error.issues?.[0]?.message ?? error.message) : null}
      />
      <ActionButton
        label="Send when online"
        missing={email.trim() === '' ? 'Type the customer’s e-mail first.' : null}
        busy={busy}
        busyLabel="Adding…"
        onClick={() => void queueEmail(saleId, email)}
      />
      {error && error.code !== 'VALIDATION' && <ErrorPanel title="Not added to the outbox" error={error} />}
      {items.length > 0 && (
        <ul className="delivery-outbox" aria-label="E-mails of this sale">
          {items.map((item) => (
            <li key={item.id} className="delivery-row">
              <span>
                <strong>{item.recipient}</strong> — {statusText(item)}
              </span>
              {(item.status === 'pending' || item.status === 'failed') && (
                <button type="button" className="button" onClick={() => void cancelEmail(saleId, item.id)}>
                  Don’t send
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
