// The customer-facing second screen: no navigation, a welcome picture while nothing is sold, and the download QR
// large with the passenger's first name while a receipt shows it on this kiosk.
import type { CustomerScreenView } from '../../shared/delivery';
import { QrCode } from './QrCode';
import { useCustomerScreen } from './customer-screen';
import './customer-screen.css';

export function CustomerScreen() {
  const view = useCustomerScreen();
  return (
    <main className="customer-screen" aria-label="Customer screen">
      {view ? <ScanToDownload view={view} /> : <Welcome />}
    </main>
  );
}

function ScanToDownload({ view }: { view: CustomerScreenView }) {
  return (
    <div className="customer-scan">
      <div className="customer-scan-text">
        <p className="customer-operator">{view.operatorName || 'Your scenic flight'}</p>
        <h1>
          {view.firstName
            ? `${view.firstName}, scan to download your flight`
            : 'Scan to download your flight'}
        </h1>
        <ol className="customer-steps">
          <li>Join the kiosk’s Wi-Fi.</li>
          <li>Point your phone’s camera at the code.</li>
          <li>Save the video and photos.</li>
        </ol>
      </div>
      <div className="customer-qr">
        <QrCode qr={view.qr} size={520} />
      </div>
    </div>
  );
}

/** A hand-drawn sky, hills and a small plane: no image file to ship or to fail to load. */
function Welcome() {
  return (
    <div className="customer-welcome">
      <svg
        className="customer-picture"
        viewBox="0 0 640 300"
        role="img"
        aria-label="A small plane over the hills"
      >
        <rect width="640" height="300" fill="#cfe6ff" />
        <circle cx="520" cy="80" r="46" fill="#ffd166" />
        <path d="M0 230 Q120 150 250 215 T470 200 T640 190 V300 H0 Z" fill="#8ecf9a" />
        <path d="M0 260 Q160 200 330 250 T640 240 V300 H0 Z" fill="#4fa36b" />
        <g transform="translate(170 95) rotate(-8)">
          <path d="M0 20 L120 14 Q140 14 140 22 Q140 30 120 30 L0 26 Z" fill="#1f3b73" />
          <path d="M55 18 L30 -20 L48 -20 L82 18 Z" fill="#2d5bb8" />
          <path d="M55 26 L30 62 L48 62 L82 26 Z" fill="#2d5bb8" />
          <path d="M0 20 L-14 0 L0 0 L14 20 Z" fill="#2d5bb8" />
        </g>
      </svg>
      <h1>Welcome aboard</h1>
      <p className="customer-lead">
        Your flight video and photos appear here to scan once you have chosen them.
      </p>
    </div>
  );
}
