// The flights nobody bought, for following up: who, when, how to reach them (if they agreed), what their
// flight has ready, and the bundle worth offering.
import type { NonPurchaser, SalesReportView } from '../../shared/reports';
import { flightTimeLabel } from '../calendar';
import { formatMoney, plural } from '../format';

export function NonPurchaserList({ report, today }: { report: SalesReportView; today: string }) {
  const { items, total } = report.nonPurchasers;
  if (total === 0) return <p className="chart-empty">Every flight of these days has a sale.</p>;
  return (
    <>
      <ul className="list" aria-label="Flights not bought">
        {items.map((flight) => (
          <li key={flight.recordingId} className="list-row non-purchaser">
            <div className="list-main">
              <span className="list-title">{flight.passengerNames}</span>
              <span className="list-detail">
                {[
                  `Flew ${flightTimeLabel(flight.flightAt, today)}`,
                  flight.pilotName,
                  flight.staffMemberName && `crew ${flight.staffMemberName}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              <Contact flight={flight} />
              <div className="chips">
                {flight.hasVideo && <span className="chip chip-good">Video ready</span>}
                {flight.stillCount > 0 && (
                  <span className="chip chip-good">{plural(flight.stillCount, 'photo')}</span>
                )}
                {flight.airtourPhotoCount > 0 && (
                  <span className="chip chip-good">{plural(flight.airtourPhotoCount, 'air-tour photo')}</span>
                )}
                {!flight.hasVideo && flight.stillCount + flight.airtourPhotoCount === 0 && (
                  <span className="chip chip-muted">Nothing made yet</span>
                )}
              </div>
            </div>
            <div className="offer">
              {flight.bestOffer ? (
                <>
                  <span className="offer-label">Offer {flight.bestOffer.label}</span>
                  <span className="offer-price">
                    {formatMoney(flight.bestOffer.priceCents, report.currency)}
                  </span>
                </>
              ) : (
                <span className="offer-label">Nothing to offer yet</span>
              )}
            </div>
          </li>
        ))}
      </ul>
      {items.length < total && (
        <p className="lead">
          Showing the newest {items.length} of {total.toLocaleString()}. The CSV file has all of them.
        </p>
      )}
    </>
  );
}

function Contact({ flight }: { flight: NonPurchaser }) {
  const ways = [flight.customerEmail, flight.customerPhone].filter(Boolean).join(' · ');
  if (!flight.contactConsent)
    return (
      <span className="contact">
        <span className="chip chip-warn">Did not agree to be contacted</span>
      </span>
    );
  return <span className="contact">{ways || 'No email or phone given'}</span>;
}
