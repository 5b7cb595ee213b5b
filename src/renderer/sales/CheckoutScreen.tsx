// Checkout for one flight: watch the souvenir video with the passenger, pick a bundle, take payment, confirm.
// The amount is the catalogue price; only an admin can change it, with a reason. Main re-checks every rule.
import { useEffect, useMemo, useState } from 'react';
import type { RawInputOf } from '../../shared/contract';
import {
  PAYMENT_LABELS,
  PAYMENT_METHODS,
  type BundleOffer,
  type CheckoutView,
  type PaymentMethodName,
} from '../../shared/sales';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { Segmented } from '../components/Segmented';
import { TextField } from '../components/TextField';
import { flightTimeLabel, localDayOf } from '../calendar';
import { formatMoney, parseAmount } from '../format';
import { VideoProgress } from '../exports/ExportPanel';
import { currentJob, useExportsStore } from '../exports/store';
import { navigate, useRouteParam } from '../shell/route';
import { useCheckoutStore, useReadyStore } from './store';
import { useSessionStore } from '../auth/session';
import './sales.css';

export function CheckoutScreen() {
  const recordingId = useRouteParam();
  const { view, error, load } = useCheckoutStore();
  useEffect(() => {
    if (recordingId) void load(recordingId);
  }, [recordingId, load]);

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
  const user = useSessionStore((state) => state.user);
  const isAdmin = user?.role === 'admin';
  const { sell, selling, saleError, clearSaleError } = useCheckoutStore();
  const { flight, bundles, currency } = view;
  const firstReady = bundles.find((bundle) => bundle.missing === null) ?? bundles[0];
  const [bundleCode, setBundleCode] = useState(firstReady?.code ?? '');
  const [payment, setPayment] = useState<PaymentMethodName | null>(null);
  const [changingAmount, setChangingAmount] = useState(false);
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [staffId, setStaffId] = useState(user?.id ?? '');
  const [email, setEmail] = useState(flight.customerEmail ?? '');
  const [phone, setPhone] = useState(flight.customerPhone ?? '');
  const [confirming, setConfirming] = useState(false);

  const bundle = bundles.find((candidate) => candidate.code === bundleCode) ?? null;
  const amountCents = changingAmount ? parseAmount(amountText) : (bundle?.priceCents ?? null);
  const amountChanged = bundle !== null && amountCents !== null && amountCents !== bundle.priceCents;
  const staffName = view.staff.find((person) => person.id === staffId)?.name ?? user?.name ?? '';
  const problems = useMemo(() => {
    const list: string[] = [];
    if (!bundle) list.push('Pick a bundle.');
    if (!payment) list.push('Pick how the customer paid.');
    if (changingAmount && amountCents === null) list.push('Type the amount, for example 40.00.');
    if (amountChanged && reason.trim().length < 3) list.push('Say why the amount is different.');
    return list;
  }, [bundle, payment, changingAmount, amountCents, amountChanged, reason]);

  const submit = async () => {
    if (!bundle || !payment || amountCents === null) return;
    const input: RawInputOf<'sales.create'> = {
      recordingId: flight.recordingId,
      bundle: bundle.code,
      paymentMethod: payment,
      customerEmail: email.trim(),
      customerPhone: phone.trim(),
      ...(amountChanged ? { amountCents, priceChangeReason: reason.trim() } : {}),
      ...(isAdmin && staffId && staffId !== user?.id ? { staffMemberId: staffId } : {}),
    };
    const sale = await sell(input);
    setConfirming(false);
    if (sale) {
      void useReadyStore.getState().load();
      navigate('receipt', sale.id);
    }
  };

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
          <Preview view={view} onMediaReady={onMediaReady} />
          <p className="checkout-flight">
            <strong>{flightTimeLabel(flight.flightAt, localDayOf(new Date()))}</strong> · Pilot{' '}
            {flight.pilotName ?? 'not set'} · {flight.stillCount + flight.airtourPhotoCount} photos
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
              value={email}
              onChange={setEmail}
              keys="email"
              maxLength={200}
            />
            <TextField
              label="Customer phone (optional)"
              value={phone}
              onChange={setPhone}
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
                selected={offer.code === bundleCode}
                onPick={() => {
                  setBundleCode(offer.code);
                  clearSaleError();
                }}
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
          <span className="checkout-label">Amount</span>
          <div className="checkout-amount">
            <strong className="checkout-price" aria-label="Amount to charge">
              {amountCents === null ? '—' : formatMoney(amountCents, currency)}
            </strong>
            {isAdmin && !changingAmount && bundle && (
              <button
                type="button"
                className="button"
                aria-label="Change amount"
                onClick={() => {
                  setChangingAmount(true);
                  setAmountText((bundle.priceCents / 100).toFixed(2));
                }}
              >
                Change
              </button>
            )}
            {isAdmin && changingAmount && (
              <button
                type="button"
                className="button"
                aria-label="Use the catalogue price"
                onClick={() => {
                  setChangingAmount(false);
                  setReason('');
                }}
              >
                Use price
              </button>
            )}
          </div>
          {changingAmount && (
            <div className="checkout-override">
              <TextField
                label="Amount charged"
                value={amountText}
                onChange={setAmountText}
                keys="amount"
                maxLength={9}
              />
              <TextField
                label="Why it differs from the price"
                value={reason}
                onChange={setReason}
                maxLength={300}
              />
            </div>
          )}

          <span className="checkout-label">Payment</span>
          <Segmented<PaymentMethodName>
            label="Payment"
            options={PAYMENT_METHODS.map((method) => ({ value: method, label: PAYMENT_LABELS[method] }))}
            value={payment}
            onChange={setPayment}
          />

          <span className="checkout-label">Sold by</span>
          {isAdmin && view.staff.length > 1 ? (
            <Segmented
              label="Sold by"
              options={view.staff.map((person) => ({ value: person.id, label: person.name }))}
              value={staffId}
              onChange={setStaffId}
            />
          ) : (
            <p className="checkout-seller">{staffName}</p>
          )}

          {saleError && (
            <ErrorPanel
              title="The sale was not recorded"
              error={saleError}
              actionLabel="OK"
              onAction={clearSaleError}
            />
          )}
          <button
            type="button"
            className="button button-primary button-large checkout-confirm"
            disabled={problems.length > 0 || selling}
            onClick={() => setConfirming(true)}
          >
            {problems.length > 0
              ? problems[0]
              : `Take ${amountCents === null ? '' : formatMoney(amountCents, currency)}`}
          </button>
        </div>
      </div>

      {confirming && bundle && payment && amountCents !== null && (
        <ConfirmDialog
          title="Confirm the sale"
          confirmLabel={selling ? 'Recording…' : 'Sale done'}
          tone="primary"
          busy={selling}
          onCancel={() => setConfirming(false)}
          onConfirm={() => void submit()}
        >
          <p className="checkout-summary">
            <strong>{bundle.label}</strong> for <strong>{flight.passengerNames}</strong>
            <br />
            {formatMoney(amountCents, currency)} by {PAYMENT_LABELS[payment].toLowerCase()} · sold by{' '}
            {staffName}
          </p>
          {amountChanged && (
            <p>
              Catalogue price {formatMoney(bundle.priceCents, currency)}: {reason.trim()}
            </p>
          )}
          {bundle.missing && <p className="inline-error">{bundle.missing}. Deliver once it is made.</p>}
          <p>Take the payment first; this records it and marks the flight sold.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}

function BundleChoice({
  offer,
  currency,
  selected,
  onPick,
}: {
  offer: BundleOffer;
  currency: string;
  selected: boolean;
  onPick(): void;
}) {
  const contents = [
    offer.includesVideo ? 'Video' : null,
    offer.includesPhotos ? 'Photos' : null,
    offer.includesAirtourPhotos ? 'Air-tour photos' : null,
  ].filter(Boolean);
  return (
    <button
      type="button"
      role="radio"
      aria-checked={selected}
      aria-label={`${offer.label}, ${formatMoney(offer.priceCents, currency)}`}
      className={selected ? 'tile-button bundle-choice selected' : 'tile-button bundle-choice'}
      onClick={onPick}
    >
      <span className="bundle-choice-name">{offer.label}</span>
      <span className="bundle-choice-price">{formatMoney(offer.priceCents, currency)}</span>
      {!sameWords(offer.label, contents.join(' ')) && (
        <span className="bundle-choice-contents">{contents.join(' + ')}</span>
      )}
      {offer.missing && <span className="bundle-choice-missing">{offer.missing}</span>}
    </button>
  );
}

/** "Video + Photos" and "Video Photos" say the same: the contents line would only repeat the name. */
function sameWords(a: string, b: string): boolean {
  const words = (text: string) =>
    text
      .toLowerCase()
      .replace(/\bonly\b/g, '')
      .replace(/[^a-z]+/g, ' ')
      .trim();
  return words(a) === words(b);
}

/** The finished video to watch together, or how far it is from being made. */
function Preview({
  view,
  onMediaReady,
}: {
  view: CheckoutView;
  onMediaReady(recordingId: string): Promise<void>;
}) {
  const { flight } = view;
  const job = useExportsStore((state) => currentJob(state.jobs, flight.recordingId, 'video'));
  const { load, queue, busy, error } = useExportsStore();
  useEffect(() => {
    if (!flight.videoUrl) void load(flight.recordingId);
  }, [flight.videoUrl, flight.recordingId, load]);
  // Once per finished job: the checkout is read again so the video, its poster and the bundles' state show.
  const finishedJob = job?.status === 'completed' ? job.id : null;
  useEffect(() => {
    if (finishedJob && !flight.videoUrl) void onMediaReady(flight.recordingId);
  }, [finishedJob, flight.videoUrl, flight.recordingId, onMediaReady]);

  if (flight.videoUrl) {
    return (
      <video
        className="checkout-player"
        src={flight.videoUrl}
        poster={flight.posterUrl ?? undefined}
        controls
        playsInline
        preload="metadata"
        aria-label="The souvenir video"
      />
    );
  }
  const making = job && (job.status === 'pending' || job.status === 'processing');
  return (
    <div className="checkout-player checkout-no-video" role="status" aria-label="Video progress">
      {making ? (
        <VideoProgress job={job} />
      ) : (
        <>
          <p className="lead">
            {job?.status === 'failed'
              ? (job.error ?? 'The video could not be made.')
              : 'The video is not made yet.'}
          </p>
          <button
            type="button"
            className="button button-primary button-large"
            disabled={busy[`new:${flight.recordingId}:video`]}
            onClick={() => void queue(flight.recordingId, 'video')}
          >
            Make the video
          </button>
          <button type="button" className="button" onClick={() => navigate('edit', flight.recordingId)}>
            Edit, photos and more
          </button>
        </>
      )}
      {error && <p className="inline-error">{error.message}</p>}
    </div>
  );
}
