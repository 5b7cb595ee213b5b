// One sale: its receipt (printable, or saved as PDF from the print dialog), delivering its files, and for an
// admin voiding or refunding it with a reason.
import { useEffect, useState } from 'react';
import { PAYMENT_LABELS, type SaleView } from '../../shared/sales';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { TextField } from '../components/TextField';
import { DeliveryPanel } from '../delivery/DeliveryPanel';
import { formatMoney } from '../format';
import { navigate, useRouteParam } from '../shell/route';
import { useSaleStore } from './store';
import { useSessionStore } from '../auth/session';
import { SALE_STATUS_LABELS } from './SalesScreen';
import './sales.css';

export function ReceiptScreen() {
  const saleId = useRouteParam();
  const { sale, error, load } = useSaleStore();
  useEffect(() => {
    if (saleId) void load(saleId);
  }, [saleId, load]);
  if (!saleId || (error && !sale)) {
    return (
      <div className="admin-screen">
        <ErrorPanel
          title="This sale cannot be shown"
          error={error ?? { code: 'NOT_FOUND', message: 'Pick a sale on the Sales screen.' }}
          actionLabel="Back to Sales"
          onAction={() => navigate('sales')}
        />
      </div>
    );
  }
  if (!sale || sale.id !== saleId) return <p className="lead screen">Opening the sale…</p>;
  return <SaleDetail sale={sale} />;
}

function SaleDetail({ sale }: { sale: SaleView }) {
  const isAdmin = useSessionStore((state) => state.user?.role === 'admin');
  const [undoing, setUndoing] = useState<'voided' | 'refunded' | null>(null);
  const completed = sale.status === 'completed';
  return (
    <div className="admin-screen receipt-screen">
      <div className="screen-heading no-print">
        <h1>Sale · {sale.passengerNames}</h1>
        <div className="heading-actions">
          <button type="button" className="button" onClick={() => navigate('sales')}>
            ← Sales
          </button>
          <button type="button" className="button button-primary" onClick={() => window.print()}>
            Print receipt
          </button>
        </div>
      </div>
      <div className="receipt-columns">
        <div className="receipt-side">
          <Receipt sale={sale} />
          {isAdmin && completed && (
            <div className="receipt-undo no-print">
              <button type="button" className="button" onClick={() => setUndoing('voided')}>
                Void sale
              </button>
              <button type="button" className="button" onClick={() => setUndoing('refunded')}>
                Refund sale
              </button>
            </div>
          )}
        </div>
        <div className="receipt-delivery no-print">
          {completed ? (
            <DeliveryPanel sale={sale} />
          ) : (
            <p className="lead">
              This sale was {SALE_STATUS_LABELS[sale.status]?.toLowerCase()}, so its files are no longer
              delivered.
            </p>
          )}
        </div>
      </div>
      {undoing && <UndoDialog status={undoing} sale={sale} onClose={() => setUndoing(null)} />}
    </div>
  );
}

/** What prints: the only part of the screen the print style sheet keeps. */
function Receipt({ sale }: { sale: SaleView }) {
  const changed = sale.listPriceCents !== null && sale.listPriceCents !== sale.amountCents;
  return (
    <article className="receipt" aria-label="Receipt">
      <header className="receipt-header">
        <strong className="receipt-operator">{sale.operatorName || 'Scenic flight souvenir'}</strong>
        <span>Receipt {sale.receiptNumber}</span>
        <span>{new Date(sale.saleDate).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}</span>
      </header>
      <dl className="receipt-lines">
        <dt>Passengers</dt>
        <dd>{sale.passengerNames}</dd>
        <dt>Flight</dt>
        <dd>
          {new Date(sale.flightAt).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}
          {sale.pilotName ? ` · ${sale.pilotName}` : ''}
        </dd>
        <dt>Bundle</dt>
        <dd>{sale.bundleLabel}</dd>
        {changed && (
          <>
            <dt>List price</dt>
            <dd>{formatMoney(sale.listPriceCents ?? 0, sale.currency)}</dd>
          </>
        )}
        {sale.discountCents > 0 && sale.priceRuleName && (
          <>
            <dt>{sale.priceRuleName}</dt>
            <dd>−{formatMoney(sale.discountCents, sale.currency)}</dd>
          </>
        )}
        {sale.priceChangeReason && (
          <>
            <dt>Price changed</dt>
            <dd>{sale.priceChangeReason}</dd>
          </>
        )}
        <dt>Paid</dt>
        <dd className="receipt-amount">{formatMoney(sale.amountCents, sale.currency)}</dd>
        <dt>Payment</dt>
        <dd>{PAYMENT_LABELS[sale.paymentMethod]}</dd>
        <dt>Sold by</dt>
        <dd>{sale.staffMemberName ?? '—'}</dd>
        {sale.customerEmail && (
          <>
            <dt>E-mail</dt>
            <dd>{sale.customerEmail}</dd>
          </>
        )}
      </dl>
      {sale.status !== 'completed' && (
        <p className="receipt-status" role="status">
          {SALE_STATUS_LABELS[sale.status]}: {sale.voidReason}
        </p>
      )}
      <footer className="receipt-footer">Thank you for flying with us.</footer>
    </article>
  );
}

function UndoDialog({
  status,
  sale,
  onClose,
}: {
  status: 'voided' | 'refunded';
  sale: SaleView;
  onClose(): void;
}) {
  const { undo, busy, undoError } = useSaleStore();
  const [reason, setReason] = useState('');
  const verb = status === 'voided' ? 'Void' : 'Refund';
  const ready = reason.trim().length >= 3;
  return (
    <ConfirmDialog
      title={`${verb} this sale?`}
      confirmLabel={
        busy ? 'Saving…' : ready ? `${verb} ${formatMoney(sale.amountCents, sale.currency)}` : 'Say why first'
      }
      busy={busy || !ready}
      onCancel={onClose}
      onConfirm={() => void undo(status, reason).then((done) => done && onClose())}
    >
      <p>
        {status === 'voided'
          ? 'Voiding says the sale never happened (for example rung up twice).'
          : 'Refunding says the money went back to the customer.'}{' '}
        {sale.bundleLabel} for {sale.passengerNames} no longer counts in the reports, and the flight is for
        sale again unless another sale stands. The audit log keeps who did it and why.
      </p>
      <TextField label="Reason" value={reason} onChange={setReason} maxLength={300} />
      {undoError && <p className="inline-error">{undoError.message}</p>}
    </ConfirmDialog>
  );
}
