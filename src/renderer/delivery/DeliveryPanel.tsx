// After a sale (checkout) and on a past sale: the ways the customer gets their files without the internet. The
// download QR shows by itself (and on the customer screen, if one is open); a USB drive plugged in while the
// receipt is open is copied to by itself; the crew can still pick the kiosk's folder or queue an e-mail.
import { useEffect, useState } from 'react';
import type { SaleView } from '../../shared/sales';
import { listenForDelivery, useDeliveryStore } from './store';
import { CopyToDrive } from './CopyToDrive';
import { DownloadLink } from './DownloadLink';
import { EmailLater } from './EmailLater';
import { OpenCustomerScreen } from './OpenCustomerScreen';
import './delivery.css';

type Way = 'copy' | 'email';

function includesText(sale: SaleView): string {
  const parts = [
    sale.includesVideo ? 'the video' : null,
    sale.includesPhotos ? 'the photos' : null,
    sale.includesAirtourPhotos ? 'the air-tour photos' : null,
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return sale.bundleLabel;
  const last = parts.pop()!;
  return `${sale.bundleLabel}: ${parts.length > 0 ? `${parts.join(', ')} and ${last}` : last}`;
}

export function DeliveryPanel({ sale }: { sale: SaleView }) {
  const [way, setWay] = useState<Way | null>(null);
  const { showLink, loadOutbox, watchDrives } = useDeliveryStore();
  const copying = useDeliveryStore((state) => state.copies[sale.id]?.phase === 'copying');
  const completed = sale.status === 'completed';
  useEffect(() => listenForDelivery(), []);
  useEffect(() => {
    if (!completed) return;
    void showLink(sale.id);
    void loadOutbox(sale.id);
    return watchDrives(sale.id);
  }, [sale.id, completed, showLink, loadOutbox, watchDrives]);
  // A copy that started by itself opens the copy's progress.
  useEffect(() => {
    if (copying) setWay('copy');
  }, [copying]);

  if (!completed) {
    return (
      <section className="delivery-panel" aria-label="Delivery">
        <h2>Hand over the files</h2>
        <p className="lead">
          This sale was {sale.status === 'refunded' ? 'refunded' : 'voided'}, so its files are no longer
          handed out.
        </p>
      </section>
    );
  }

  const button = (which: Way, label: string, icon: string) => (
    <button
      type="button"
      className={`button delivery-way${way === which ? ' delivery-way-open' : ''}`}
      aria-expanded={way === which}
      onClick={() => setWay(way === which ? null : which)}
    >
      <span aria-hidden="true" className="delivery-way-icon">
        {icon}
      </span>
      {label}
    </button>
  );

  return (
    <section className="delivery-panel" aria-label="Delivery">
      <h2>Hand over the files</h2>
      <p className="delivery-includes">
        {sale.passengerNames} — {includesText(sale)}
      </p>
      {/* A copy, once under way, is what the crew watch: above the QR, in view without scrolling. */}
      {way === 'copy' && <CopyToDrive saleId={sale.id} />}
      <DownloadLink saleId={sale.id} />
      {way !== 'copy' && (
        <p className="delivery-hint">
          <span aria-hidden="true">⇩</span> Plug in the customer’s USB drive: the copy starts by itself.
        </p>
      )}
      <div className="delivery-ways delivery-ways-two">
        {button('copy', 'Copy to USB drive', '⇩')}
        {button('email', 'E-mail later', '✉')}
      </div>
      {way === 'email' && <EmailLater saleId={sale.id} customerEmail={sale.customerEmail} />}
      <OpenCustomerScreen />
    </section>
  );
}
