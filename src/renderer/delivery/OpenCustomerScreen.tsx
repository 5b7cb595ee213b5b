// The crew's way to the customer-facing screen: a window of its own for the second monitor, where each receipt's
// QR shows large by itself.
import { useState } from 'react';
import { CUSTOMER_SCREEN_HASH, openCustomerScreen } from './customer-screen';

export function OpenCustomerScreen() {
  const [blocked, setBlocked] = useState(false);
  return (
    <div className="delivery-customer-screen">
      <button type="button" className="button" onClick={() => setBlocked(!openCustomerScreen())}>
        <span aria-hidden="true">▭</span> Open customer screen
      </button>
      {blocked ? (
        <p className="inline-error" role="alert">
          No new window opened. The desktop app opens one customer screen at a time: look for it on the second
          monitor. In a browser, allow pop-ups for the kiosk, or open its address with {CUSTOMER_SCREEN_HASH}{' '}
          at the end on the second monitor and sign in there.
        </p>
      ) : (
        <p className="delivery-note">For a second monitor facing the customer: it shows each QR large.</p>
      )}
    </div>
  );
}
