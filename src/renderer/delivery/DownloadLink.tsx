// The download QR code, shown as soon as the receipt opens: the customer scans it on the kiosk's Wi-Fi and saves
// the files from a page on their phone. The address is shown in readable text too (for a phone that will not scan), with how long it works,
// and the crew can switch a link off.
import { useState } from 'react';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { formatDateTime, plural } from '../format';
import { useDeliveryStore } from './store';
import { QrCode } from './QrCode';

export function DownloadLink({ saleId }: { saleId: string }) {
  const { shownLinks, links, linkBusy, linkErrors, createLink, showLink, revokeLink } = useDeliveryStore();
  const [revoking, setRevoking] = useState<string | null>(null);
  const link = shownLinks[saleId];
  const error = linkErrors[saleId];
  const busy = linkBusy[saleId] ?? false;
  const others = (links[saleId] ?? []).filter((other) => other.id !== link?.id);

  return (
    <div className="delivery-body">
      {error && (
        <ErrorPanel
          title="No download code"
          error={error}
          actionLabel="Try again"
          onAction={() => void showLink(saleId)}
        />
      )}
      {busy && !link && <p className="delivery-state">Making the download code…</p>}
      {!busy && !link && !error && (
        <button type="button" className="button button-primary" onClick={() => void showLink(saleId)}>
          Show a new download code
        </button>
      )}
      {link && (
        <div className="delivery-link">
          <QrCode qr={link.qr} size={280} />
          <div className="delivery-link-text">
            <p className="delivery-state">Scan with the phone’s camera, on the kiosk’s Wi-Fi.</p>
            <p className="delivery-url" aria-label="Download address">
              {link.url}
            </p>
            <p className="delivery-note">
              Valid until {formatDateTime(link.expiresAt)} · {plural(link.fileCount, 'file')}
            </p>
            <div className="delivery-row">
              <button
                type="button"
                className="button"
                aria-label="Switch off this code"
                onClick={() => setRevoking(link.id)}
              >
                Switch off
              </button>
              <button
                type="button"
                className="button"
                disabled={busy}
                onClick={() => void createLink(saleId)}
              >
                New code
              </button>
            </div>
          </div>
        </div>
      )}
      {others.length > 0 && (
        <div className="delivery-others">
          <h3>Other codes of this sale that still work</h3>
          <ul>
            {others.map((other) => (
              <li key={other.id} className="delivery-row">
                <span>
                  Until {formatDateTime(other.expiresAt)} · downloaded {plural(other.downloadCount, 'time')}
                </span>
                <button type="button" className="button" onClick={() => setRevoking(other.id)}>
                  Switch off
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      {revoking && (
        <ConfirmDialog
          title="Switch this download code off?"
          confirmLabel="Switch it off"
          onCancel={() => setRevoking(null)}
          onConfirm={() => {
            const linkId = revoking;
            setRevoking(null);
            void revokeLink(saleId, linkId);
          }}
        >
          <p>A phone that has not finished downloading will stop. You can make a new code at any time.</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
