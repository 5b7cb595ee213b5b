// Checkout for one flight: watch the souvenir video with the passenger, pick a bundle, take payment, confirm.
// The amount is the catalogue price; only an admin can change it, with a reason. Main re-checks every rule.
import { useEffect } from 'react';
import {
  PAYMENT_LABELS,
  PAYMENT_METHODS,
  type CheckoutView,
  type PaymentMethodName,
} from '../../shared/sales';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ActionButton } from '../components/ActionButton';
import { ErrorPanel } from '../components/ErrorPanel';
import { Segmented } from '../components/Segmented';
import { TextField } from '../components/TextField';
import { flightTimeLabel, localDayOf } from '../calendar';
import { clearCustomerScreen } from '../delivery/customer-screen';
import { formatMoney, plural } from '../format';
import { navigate, useRouteParam } from '../shell/route';
import { BundleChoice } from './BundleChoice';
import { CheckoutAmount } from './CheckoutAmount';
import { CheckoutPreview } from './CheckoutPreview';
import { useCheckoutStore } from './store';
import { useCheckoutForm } from './useCheckoutForm';
import './sales.css';

export function CheckoutScreen() {
  const recordingId = useRouteParam();
  const { view, error, load } = useCheckoutStore();
  useEffect(() => {
    if (recordingId) void load(recordingId);
  }, [recordingId, load]);
  // A new sale starts: the customer screen lets go of the previous customer's QR.
  useEffect(() => {
    if (recordingId) clearCustomerScreen();
  }, [recordingId]);

  if (!recordingId) {
    return (
      <div className="admin-screen">
        <h1>Sell a flight</h1>
        <p className="lead">Pick a flight on the Sales screen first.</p>
        <button type="button" className="button button-primary" onClick={() => navigate('sales')}>
          Go to Sales
        </button>
      </div>
    );
  }
  if (error && !view) {
    return (
      <div className="admin-screen">
        <ErrorPanel
          title="This flight cannot be sold here"
          error={error}
          actionLabel="Back to Sales"
          onAction={() => navigate('sales')}
        />
      </div>
    );
  }
  if (!view || view.flight.recordingId !== recordingId)
    return <p className="lead screen">Opening the flight…</p>;
  return <Checkout view={view} onMediaReady={load} />;
}
function Checkout({
  view,
  onMediaReady,
}: {
  view: CheckoutView;
  onMediaReady(recordingId: string): Promise<void>;
}) {
  const form = useCheckoutForm(view);
  const { isAdmin, selling, saleError, bundle, payment, amountCents, amountChanged, staffName, problems } =
    form;
  const { flight, bundles, currency } = view;

  return (
    <div className="admin-screen checkout-screen">
      <div className="screen-heading">
        <h1>Sell · {flight.passengerNames}</h1>
        <button type="button" className="button" onClick={() => navigate('sales')}>
          ← Sales
        </button>
      </div>
      <div className="checkout-columns">
        <div className="checkout-left">
          <CheckoutPreview view={view} onMediaReady={onMediaReady} />
          <p className="checkout-flight">
            <strong>{flightTimeLabel(flight.flightAt, localDayOf(new Date()))}</strong> · Pilot{' '}
            {flight.pilotName ?? 'not set'} · {plural(flight.stillCount + flight.airtourPhotoCount, 'photo')}
          </p>
          {view.sales.some((sale) => sale.status === 'completed') && (
            <p className="checkout-already" role="status">
              Already sold:{' '}
              {view.sales
                .filter((sale) => sale.status === 'completed')
                .map((sale) => `${sale.bundleLabel} (${formatMoney(sale.amountCents, sale.currency)})`)
                .join(', ')}
              . A second sale adds to it.
            </p>
          )}
          <div className="checkout-contact">
            <TextField
              label="Customer e-mail (optional)"
              value={form.email}
              onChange={form.setEmail}
              keys="email"
              maxLength={200}
            />
            <TextField
              label="Customer phone (optional)"
              value={form.phone}
              onChange={form.setPhone}
              keys="phone"
              maxLength={40}
            />
          </div>
        </div>

        <div className="checkout-middle">
          <div className="bundle-choices" role="radiogroup" aria-label="Bundle">
            {bundles.map((offer) => (
              <BundleChoice
                key={offer.code}
                offer={offer}
                currency={currency}
                selected={offer.code === form.bundleCode}
                onPick={() => form.pickBundle(offer.code)}
              />
            ))}
          </div>
          {bundles.length === 0 && (
            <p className="inline-error">
              No bundle is for sale. An admin adds them under Settings → Bundles.
            </p>
          )}
        </div>

        <div className="checkout-right form">
          <CheckoutAmount form={form} currency={currency} />

          <span className="checkout-label">Payment</span>
          <Segmented<PaymentMethodName>
            label="Payment"
            options={PAYMENT_METHODS.map((method) => ({ value: method, label: PAYMENT_LABELS[method] }))}
            value={payment}
            onChange={form.setPayment}
          />

          <span className="checkout-label">Sold by</span>
          {isAdmin && view.staff.length > 1 ? (
            <Segmented
              label="Sold by"
              options={view.staff.map((person) => ({ value: person.id, label: person.name }))}
              value={form.staffId}
              onChange={form.setStaffId}
            />
          ) : (
            <p className="checkout-seller">{staffName}</p>
          )}

          {saleError && (
            <ErrorPanel
              title="The sale was not recorded"
              error={saleError}
              actionLabel="OK"
              onAction={form.clearSaleError}
            />
          )}
          <ActionButton
            className="button button-primary button-large checkout-confirm"
            label={`Take ${amountCents === null ? '' : formatMoney(amountCents, currency)}`}
            missing={problems[0] ?? null}
            busy={selling}
            onClick={() => form.setConfirming(true)}
          />
        </div>
      </div>

      {form.confirming && bundle && payment && amountCents !== null && (
        <ConfirmDialog
          title="Confirm the sale"
          confirmLabel={selling ? 'Recording…' : 'Sale done'}
          tone="primary"
          busy={selling}
          onCancel={() => form.setConfirming(false)}
          onConfirm={() => void form.submit()}
        >
          <p className="checkout-summary">
            <strong>{bundle.label}</strong> for <strong>{flight.passengerNames}</strong>
            <br />
            {formatMoney(amountCents, currency)} by {PAYMENT_LABELS[payment].toLowerCase()} · sold by{' '}
            {staffName}
          </p>
          {bundle.quote.discountCents > 0 && (
            <p>
              List price {formatMoney(bundle.quote.listPriceCents, currency)}, {bundle.quote.ruleLabel} −
              {formatMoney(bundle.quote.discountCents, currency)}
            </p>
          )}
          {amountChanged && (
            <p>
              {bundle.quote.discountCents > 0 ? 'Price after the rule' : 'Catalogue price'}{' '}
              {formatMoney(bundle.quote.priceCents, currency)}: {form.reason.trim()}
            </p>
          )}
          {bundle.missing && <p className="inline-error">{bundle.missing}. Deliver once it is made.</p>}
          <p>Take the payment first; this records it and marks the flight sold.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
