// The sales desk: flights that can be sold now (newest landing first), and the sales made, each with its
// receipt. Main lists only what this person may sell or see.
import { useEffect, useState } from 'react';
import type { ReadyFlight, SaleListItem } from '../../shared/sales';
import { ErrorPanel } from '../components/ErrorPanel';
import { TextField } from '../components/TextField';
import { flightTimeLabel, localDayOf } from '../calendar';
import { formatDateTime, formatMoney, plural } from '../format';
import { navigate } from '../shell/route';
import { useReadyStore, useRecentSalesStore } from './store';
import './sales.css';

const SEARCH_DELAY_MS = 300;

export const SALE_STATUS_LABELS: Record<string, string> = {
  completed: 'Paid',
  voided: 'Voided',
  refunded: 'Refunded',
};

export function SalesScreen() {
  const ready = useReadyStore();
  const recent = useRecentSalesStore();
  const [search, setSearch] = useState('');
  const { load: loadReady } = ready;
  const { load: loadRecent } = recent;
  useEffect(() => {
    const timer = setTimeout(() => void loadReady(search.trim() || undefined), search ? SEARCH_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [search, loadReady]);
  useEffect(() => {
    void loadRecent({});
  }, [loadRecent]);

  return (
    <div className="admin-screen sales-screen">
      <div className="screen-heading">
        <h1>Sales</h1>
        <div className="sales-search">
          <TextField label="Find a passenger" value={search} onChange={setSearch} maxLength={80} />
        </div>
      </div>

      <section aria-label="Ready to sell">
        <h2>Ready to sell</h2>
        {ready.error && (
          <ErrorPanel
            title="The flights to sell could not be read"
            error={ready.error}
            onAction={() => void loadReady(search.trim() || undefined)}
          />
        )}
        {!ready.error && ready.flights.length === 0 && (
          <p className="lead">
            {ready.loading
              ? 'Looking for flights to sell…'
              : search
                ? `No unsold flight with a passenger called “${search.trim()}”.`
                : 'Every filmed flight is sold. New ones show up here once they are filmed.'}
          </p>
        )}
        <div className="ready-grid">
          {ready.flights.map((flight) => (
            <ReadyCard key={flight.recordingId} flight={flight} />
          ))}
        </div>
      </section>

      <section aria-label="Recent sales" className="recent-sales">
        <h2>Recent sales</h2>
        {recent.error && (
          <ErrorPanel
            title="The sales could not be read"
            error={recent.error}
            onAction={() => void loadRecent()}
          />
        )}
        {!recent.error && recent.items.length === 0 && !recent.loading && (
          <p className="lead">No sales yet.</p>
        )}
        <ul className="list" aria-label="Sales">
          {recent.items.map((sale) => (
            <SaleRow key={sale.id} sale={sale} />
          ))}
        </ul>
        {recent.items.length < recent.total && (
          <button
            type="button"
            className="button"
            disabled={recent.loading}
            onClick={() => void recent.loadMore()}
          >
            Show older sales
          </button>
        )}
      </section>
    </div>
  );
}

function ReadyCard({ flight }: { flight: ReadyFlight }) {
  const names = flight.passengerNames;
  const photos = flight.stillCount + flight.airtourPhotoCount;
  return (
    <article className="ready-card" aria-label={names}>
      {flight.posterUrl ? (
        <img className="ready-poster" src={flight.posterUrl} alt="" loading="lazy" />
      ) : (
        <div className="ready-poster ready-poster-empty" aria-hidden="true">
          No picture
        </div>
      )}
      <div className="ready-main">
        <span className="ready-names">{names}</span>
        <span className="ready-detail">
          <strong>{flightTimeLabel(flight.flightAt, localDayOf(new Date()))}</strong> · Pilot{' '}
          {flight.pilotName ?? 'not set'}
        </span>
        <span className="chips">
          <span className={flight.videoUrl ? 'chip chip-good' : 'chip chip-warn'}>
            {flight.videoUrl ? 'Video ready' : 'No video yet'}
          </span>
          <span className={photos > 0 ? 'chip chip-good' : 'chip chip-muted'}>
            {photos > 0 ? plural(photos, 'photo') : 'No photos'}
          </span>
        </span>
      </div>
      <button
        type="button"
        className="button button-primary ready-sell"
        aria-label={`Sell ${names}`}
        onClick={() => navigate('checkout', flight.recordingId)}
      >
        Sell
      </button>
    </article>
  );
}

function SaleRow({ sale }: { sale: SaleListItem }) {
  const undone = sale.status !== 'completed';
  return (
    <li className={undone ? 'list-row inactive' : 'list-row'}>
      <div className="list-main">
        <span className="list-title">
          {sale.passengerNames} · {sale.bundleLabel}
        </span>
        <span className="list-detail">
          {formatMoney(sale.amountCents, sale.currency)} · {sale.staffMemberName ?? 'No seller recorded'}{' '}
          <span className={undone ? 'chip chip-warn' : 'chip chip-good'}>
            {SALE_STATUS_LABELS[sale.status]}
          </span>
        </span>
      </div>
      <time className="list-time">{formatDateTime(sale.saleDate)}</time>
      <button
        type="button"
        className="button"
        aria-label={`Receipt for ${sale.passengerNames}, ${sale.bundleLabel}`}
        onClick={() => navigate('receipt', sale.id)}
      >
        Receipt
      </button>
    </li>
  );
}
