// What the customer-facing screen shows: the QR of the receipt open on this kiosk (main's
// `delivery.customerScreen`), until the time main gave, until the next sale starts
// (`delivery.customerScreenCleared`), or until another receipt shows its own. Nothing is kept anywhere: a
// reload of the screen shows the welcome picture.
import { useEffect, useState } from 'react';
import { CUSTOMER_SCREEN_HASH, type CustomerScreenView } from '../../shared/delivery';
import { getMagnum } from '../shell/magnum';
import { callMagnum } from '../shell/call';

/** However main's and this screen's clocks differ, a QR stays at least this long and at most this long. */
const SHORTEST_MS = 15_000;
const LONGEST_MS = 10 * 60_000;

/** The sale whose QR the customer screen shows, or null for the welcome picture. */
export function useCustomerScreen(): CustomerScreenView | null {
  const [view, setView] = useState<CustomerScreenView | null>(null);
  useEffect(() => {
    const magnum = getMagnum();
    if (!magnum) return;
    const stopShow = magnum.on('delivery.customerScreen', setView);
    const stopClear = magnum.on('delivery.customerScreenCleared', ({ saleId }) =>
      setView((shown) => (saleId === null || shown?.saleId === saleId ? null : shown)),
    );
    return () => {
      stopShow();
      stopClear();
    };
  }, []);
  useEffect(() => {
    if (!view) return;
    const wait = Math.min(LONGEST_MS, Math.max(SHORTEST_MS, Date.parse(view.showUntil) - Date.now()));
    const timer = setTimeout(() => setView((shown) => (shown === view ? null : shown)), wait);
    return () => clearTimeout(timer);
  }, [view]);
  return view;
}

/** A new sale starts (the checkout opens): the customer screen goes back to its welcome picture. */
export function clearCustomerScreen(): void {
  void callMagnum((magnum) => magnum.delivery.clearCustomerScreen({}));
}

export { CUSTOMER_SCREEN_HASH };

/**
 * Opens the customer screen in a window of its own. The window shares this tab's session: opened without
 * `noopener`, it starts with a copy of this tab's sessionStorage, where the session token is kept. In a browser,
 * drag it onto the second monitor and make it full screen; the desktop app places it full screen on a second
 * display itself. False when no new window opened (a pop-up blocker; in the desktop app, a customer screen
 * already open, which is brought to the front instead).
 */
export function openCustomerScreen(): boolean {
  const url = `${window.location.origin}${window.location.pathname}${CUSTOMER_SCREEN_HASH}`;
  return window.open(url, 'magnum-customer-screen', 'popup,width=1280,height=800') !== null;
}
