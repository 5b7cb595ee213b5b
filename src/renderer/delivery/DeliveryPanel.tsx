// After a sale (checkout) and on a past sale: the three ways the customer gets their files without the
// internet — a copy onto their USB drive, a QR code their phone downloads from over the kiosk's Wi-Fi, or an
// e-mail that goes out whenever the kiosk has a connection.
import { useEffect, useState } from 'react';
import type { SaleView } from '../../shared/sales';
import { listenForDelivery, useDeliveryStore } from './store';
import { CopyToDrive } from './CopyToDrive';
import { DownloadLink } from './DownloadLink';
import { EmailLater } from './EmailLater';
import './delivery.css';

type Way = 'copy' | 'link' | 'email';

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
  const { shownLinks, createLink, loadLinks, loadOutbox } = useDeliveryStore();
  useEffect(() => listenForDelivery(), []);
  useEffect(() => {
    if (sale.status !== 'completed') return;
    void loadLinks(sale.id);
    void loadOutbox(sale.id);
  }, [sale.id, sale.status, loadLinks, loadOutbox]);

  if (sale.status !== 'completed') {
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

  const choose = (next: Way) => {
    setWay(next);
    if (next === 'link' && !shownLinks[sale.id]) void createLink(sale.id);
  };
  const button = (which: Way, label: string, icon: string) => (
    <button
      type="button"
      className={`button delivery-way${way === which ? ' delivery-way-open' : ''}`}
      aria-expanded={way === which}
      onClick={() => choose(which)}
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
      <div className="delivery-ways">
        {button('copy', 'Copy to USB drive', '⇩')}
        {button('link', 'Show QR code', '▣')}
        {button('email', 'E-mail later', '✉')}
      </div>
      {way === 'copy' && <CopyToDrive saleId={sale.id} />}
      {way === 'link' && <DownloadLink saleId={sale.id} />}
      {way === 'email' && <EmailLater saleId={sale.id} customerEmail={sale.customerEmail} />}
    </section>
  );
}
